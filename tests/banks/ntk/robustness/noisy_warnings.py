# A correct solution that emits library-style warnings: must keep full marks.
# expect: full
# %% cell: ntk_regression
import warnings


def ntk_regression(K_train, K_test, y_train, t=None, lr=1.0):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    warnings.warn("and a RuntimeWarning", RuntimeWarning)
    if t is None:
        return K_test @ torch.linalg.solve(K_train, y_train)
    n = K_train.shape[0]
    learnt = torch.eye(n, dtype=K_train.dtype) - torch.linalg.matrix_exp(-lr * t * K_train)
    return K_test @ torch.linalg.solve(K_train, learnt @ y_train)
