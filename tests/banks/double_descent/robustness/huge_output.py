# A correct solution that prints a 5-million-character line: graded, output capped.
# expect: full
# %% cell: min_norm_solution
print("x" * 5_000_000)
def min_norm_solution(Phi, y):
    return np.linalg.pinv(np.asarray(Phi, dtype=np.float64)) @ np.asarray(y, dtype=np.float64)
