# A differently written correct solution: loops, neurons ReLU(2x - 2x_k) with halved output
# weights; hull membership as a phase-one LP that minimises the total violation of the equality
# constraints (inside when the minimum is 0); a while loop over trials.
# %% cell: relu_interpolant
def relu_interpolant(f, knots):
    x = np.sort(np.unique(np.array(knots, dtype=np.float64)))
    y = np.asarray(f(x), dtype=np.float64)
    n = len(x) - 1
    c = np.zeros(n)
    previous = 0.0
    for k in range(n):
        slope = (y[k + 1] - y[k]) / (x[k + 1] - x[k])
        c[k] = slope - previous
        previous = slope
    return [(np.full((n, 1), 2.0), -2.0 * x[:-1]), ((c / 2.0)[None, :], np.array([y[0]]))]
# %% cell: in_hull
def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    n, d = X.shape
    A = np.vstack([X.T, np.ones((1, n))])
    b = np.append(x, 1.0)
    m = d + 1
    # A lam + t_plus - t_minus = b, minimise sum(t_plus + t_minus)
    A_eq = np.hstack([A, np.eye(m), -np.eye(m)])
    cost = np.concatenate([np.zeros(n), np.ones(2 * m)])
    result = linprog(cost, A_eq=A_eq, b_eq=b, bounds=(0, None), method="highs")
    if result.status == 0 and result.fun <= 1e-9 * max(1.0, np.abs(X).max()):
        return True, result.x[:n]
    return False, None
# %% cell: interpolation_probability
def interpolation_probability(n, d, trials, seed=0, query="new"):
    rng = np.random.default_rng(seed)
    count, t = 0, 0
    while t < trials:
        points = rng.normal(0.0, 1.0, size=(n, d))
        target = rng.normal(0.0, 1.0, size=d) if query == "new" else np.zeros(d)
        inside, _ = in_hull(points, target)
        count += int(inside)
        t += 1
    return count / trials
