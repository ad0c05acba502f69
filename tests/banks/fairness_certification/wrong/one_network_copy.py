# Builds one set of ReLU variables and feeds both inputs through it: the two individuals share
# their hidden activations, so the model is not two copies of the network.
# fails: test_certification_milp test_certification_milp_hidden
# %% cell: certification_milp
def certification_milp(layers, epsilon, theta, metric="linf"):
    n = layers[0][0].shape[1]
    bounds = interval_bounds(layers, np.zeros(n), np.ones(n))
    prob = pulp.LpProblem("individual_fairness", pulp.LpMaximize)
    x1 = [pulp.LpVariable(f"p_x{i}", 0, 1) for i in range(n)]
    x2 = [pulp.LpVariable(f"q_x{i}", 0, 1) for i in range(n)]
    h1, h2 = x1, x2
    for k, ((w, b), (l, u)) in enumerate(zip(layers, bounds)):
        z1 = [pulp.lpSum(float(w[j, i]) * h1[i] for i in range(len(h1))) + float(b[j]) for j in range(w.shape[0])]
        z2 = [pulp.lpSum(float(w[j, i]) * h2[i] for i in range(len(h2))) + float(b[j]) for j in range(w.shape[0])]
        if k == len(layers) - 1:
            break
        h = []
        for j in range(len(z1)):
            a = pulp.LpVariable(f"a{k}_{j}", 0)
            on = pulp.LpVariable(f"on{k}_{j}", cat=pulp.LpBinary)
            for z in (z1[j], z2[j]):
                prob.addConstraint(a >= z)
                prob.addConstraint(a <= z - float(min(l[j], 0)) * (1 - on))
                prob.addConstraint(a <= float(max(u[j], 0)) * on)
            h.append(a)
        h1 = h2 = h
    prob.setObjective(z1[0] - z2[0])
    for i in range(n):
        if theta[i] > 0:
            prob += float(theta[i]) * (x1[i] - x2[i]) <= epsilon
            prob += float(theta[i]) * (x2[i] - x1[i]) <= epsilon
    if metric == "l1":
        t = [pulp.LpVariable(f"t{i}", 0) for i in range(n)]
        for i in range(n):
            prob += t[i] >= x1[i] - x2[i]
            prob += t[i] >= x2[i] - x1[i]
        prob += pulp.lpSum(float(theta[i]) * t[i] for i in range(n)) <= epsilon
    return prob, x1, x2
