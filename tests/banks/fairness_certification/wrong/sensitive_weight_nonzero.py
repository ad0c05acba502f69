# Treats a zero metric weight as weight 1: the sensitive feature is held within epsilon
# instead of free, so individuals differing only in it are not compared.
# fails: test_certification_milp_hidden
# %% cell: certification_milp
def certification_milp(layers, epsilon, theta, metric="linf"):
    """The MILP for delta_max on [0, 1]^n; returns (prob, x_prime, x_double_prime)."""
    n = layers[0][0].shape[1]
    bounds = interval_bounds(layers, np.zeros(n), np.ones(n))
    prob = pulp.LpProblem("individual_fairness", pulp.LpMaximize)

    def network_copy(tag):
        x = [pulp.LpVariable(f"{tag}_x{i}", 0, 1) for i in range(n)]
        h = x
        for k, ((w, b), (l, u)) in enumerate(zip(layers, bounds)):
            z = [pulp.lpSum(float(w[j, i]) * h[i] for i in range(len(h))) + float(b[j])
                 for j in range(w.shape[0])]
            if k == len(layers) - 1:
                return x, z[0]
            h = []
            for j in range(len(z)):
                if u[j] <= 0:
                    h.append(0)
                elif l[j] >= 0:
                    h.append(z[j])
                else:
                    a = pulp.LpVariable(f"{tag}_a{k}_{j}", 0)
                    on = pulp.LpVariable(f"{tag}_on{k}_{j}", cat=pulp.LpBinary)
                    prob.addConstraint(a >= z[j])
                    prob.addConstraint(a <= z[j] - float(l[j]) * (1 - on))
                    prob.addConstraint(a <= float(u[j]) * on)
                    h.append(a)

    x1, f1 = network_copy("p")
    x2, f2 = network_copy("q")
    prob.setObjective(f1 - f2)
    if metric == "linf":
        for i in range(n):
            weight = float(theta[i]) if theta[i] > 0 else 1.0
            prob += weight * (x1[i] - x2[i]) <= epsilon
            prob += weight * (x2[i] - x1[i]) <= epsilon
    elif metric == "l1":
        t = [pulp.LpVariable(f"t{i}", 0) for i in range(n)]
        for i in range(n):
            prob += t[i] >= x1[i] - x2[i]
            prob += t[i] >= x2[i] - x1[i]
        prob += pulp.lpSum(float(theta[i]) * t[i] for i in range(n)) <= epsilon
    else:
        raise ValueError(f"metric must be 'linf' or 'l1', not {metric!r}")
    return prob, x1, x2
