# Solves in whatever dtype the inputs come in: float32 inputs give a float32 solution, accurate
# to about 1e-7 times the condition number instead of float64's 1e-16.
# fails: test_min_norm_hidden
# %% cell: min_norm_solution
def min_norm_solution(Phi, y):
    return np.linalg.pinv(Phi) @ y
