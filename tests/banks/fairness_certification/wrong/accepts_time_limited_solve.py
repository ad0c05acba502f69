# Reports proven from prob.status == 1, which PuLP also returns when CBC stopped at its time
# limit with an unproven solution (prob.sol_status == 2).
# fails: test_certify_hidden
# %% cell: certify
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    prob, x1, x2 = certification_milp(layers, epsilon, theta, metric)
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    values = lambda xs: np.array([v.value() for v in xs], dtype=float)
    return Certificate(pulp.value(prob.objective), values(x1), values(x2), prob.status == 1)
