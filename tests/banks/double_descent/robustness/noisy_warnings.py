# A correct solution that emits library-style warnings on stderr: must keep full marks.
# expect: full
# %% cell: random_features
import warnings
def random_features(X, p, seed):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    X = np.asarray(X, dtype=np.float64)
    W = np.random.default_rng(seed).standard_normal((X.shape[1], p)) / np.sqrt(X.shape[1])
    return np.maximum(X @ W, 0.0)
