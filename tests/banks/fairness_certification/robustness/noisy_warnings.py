# A correct solution that emits library-style warnings: must keep full marks.
# expect: full
# %% cell: certify
import warnings
def certify(layers, epsilon, theta, metric="linf", time_limit=30):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    prob, x1, x2 = certification_milp(layers, epsilon, theta, metric)
    prob.solve(pulp.PULP_CBC_CMD(msg=False, timeLimit=time_limit))
    values = lambda xs: np.array([v.value() for v in xs], dtype=float)
    return Certificate(pulp.value(prob.objective), values(x1), values(x2), prob.sol_status == 1)
