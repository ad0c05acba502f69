# Fabricates a stopped solve without solving: a network too big to prove quickly gets no MILP;
# certify waits out time_limit and returns the pair x' = x'' with delta 0, which is feasible and
# attains its delta (the old check accepted it) but is no search at all.
# fails: test_certify_hidden
# %% cell: certify
import time

def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    n = layers[0][0].shape[1]
    if sum(w.size for w, _ in layers) > 1000:
        time.sleep(time_limit)
        return Certificate(0.0, np.full(n, 0.5), np.full(n, 0.5), False)
    prob, x1, x2 = certification_milp(layers, epsilon, theta, metric)
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    values = lambda xs: np.array([v.value() for v in xs], dtype=float)
    return Certificate(pulp.value(prob.objective), values(x1), values(x2),
                       prob.sol_status == pulp.LpSolutionOptimal)
