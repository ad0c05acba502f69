# A correct solution that leaves CBC's log on (msg=True) and prints a 5-million-character line:
# graded with full marks, output capped.
# expect: full
# %% cell: certify
print("x" * 5_000_000)
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    prob, x1, x2 = certification_milp(layers, epsilon, theta, metric)
    prob.solve(pulp.PULP_CBC_CMD(msg=True, timeLimit=time_limit))
    values = lambda xs: np.array([v.value() for v in xs], dtype=float)
    return Certificate(pulp.value(prob.objective), values(x1), values(x2), prob.sol_status == 1)
