# Equalises only the FPR (the TPR constraint is missing, as for "predictive equality"): each group
# keeps its own TPR, and the cost is minimised under that weaker constraint.
# fails: test_equalized_odds_postprocess test_equalized_odds_postprocess_hidden
# %% cell: equalized_odds_postprocess
def equalized_odds_postprocess(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
    scores, y, groups = np.asarray(scores, dtype=float), np.asarray(y), np.asarray(groups)
    prob = pulp.LpProblem("equal_fpr", pulp.LpMinimize)
    fpr = pulp.LpVariable("fpr", 0, 1)
    thresholds, weights, cost = {}, {}, []
    for k, g in enumerate(np.unique(groups)):
        s, yy = scores[groups == g], y[groups == g]
        pos, neg = s[yy == 1], s[yy != 1]
        t = np.append(np.unique(s), np.inf)
        roc_tpr = [float((pos >= tk).mean()) if len(pos) else 0.0 for tk in t]
        roc_fpr = [float((neg >= tk).mean()) if len(neg) else 0.0 for tk in t]
        w = [pulp.LpVariable(f"pi_{k}_{i}", 0) for i in range(len(t))]
        prob += pulp.lpSum(w) == 1
        prob += pulp.lpSum(r * wi for r, wi in zip(roc_fpr, w)) == fpr
        tpr_k = pulp.lpSum(r * wi for r, wi in zip(roc_tpr, w))
        cost.append(cost_fp * len(neg) * fpr + cost_fn * len(pos) * (1 - tpr_k))
        thresholds[g], weights[g] = t, w
    prob += pulp.lpSum(cost)
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    return {g: (thresholds[g], np.array([wi.value() for wi in weights[g]], dtype=float))
            for g in thresholds}
