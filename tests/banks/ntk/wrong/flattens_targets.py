# Flattens the targets to one column: right for y of shape (n,), wrong for several target columns.
# fails: test_ntk_regression_hidden
# %% cell: ntk_regression
def ntk_regression(K_train, K_test, y_train, t=None, lr=1.0):
    y = y_train.reshape(-1)
    if t is None:
        return K_test @ torch.linalg.solve(K_train, y)
    n = K_train.shape[0]
    learnt = torch.eye(n, dtype=K_train.dtype) - torch.linalg.matrix_exp(-lr * t * K_train)
    return K_test @ torch.linalg.solve(K_train, learnt @ y)
