# A differently written correct solution: plain Python loops and dicts for the metrics, the
# identity through the counts it implies, and an LP that puts weight on (FPR, TPR) points of each
# group's ROC curve built by sweeping the sorted scores, equalised against the first group.
# %% cell: group_metrics
def group_metrics(y, y_hat, groups):
    counts = {}
    for label, decision, g in zip(np.asarray(y).tolist(), np.asarray(y_hat).tolist(),
                                  np.asarray(groups).tolist()):
        c = counts.setdefault(g, {"tp": 0, "fp": 0, "tn": 0, "fn": 0})
        key = ("t" if label == decision else "f") + ("p" if decision == 1 else "n")
        c[key] += 1
    def div(a, b):
        if b == 0:
            return 0.0
        return a / b
    out = {}
    for g in sorted(counts):
        c = counts[g]
        n = sum(c.values())
        out[g] = {**c, "n": n, "selection_rate": div(c["tp"] + c["fp"], n),
                  "base_rate": div(c["tp"] + c["fn"], n), "tpr": div(c["tp"], c["tp"] + c["fn"]),
                  "fnr": div(c["fn"], c["tp"] + c["fn"]), "fpr": div(c["fp"], c["fp"] + c["tn"]),
                  "ppv": div(c["tp"], c["tp"] + c["fp"])}
    def gap(k):
        vals = sorted(m[k] for m in out.values())
        return vals[-1] - vals[0]
    return {"by_group": out, "demographic_parity_difference": gap("selection_rate"),
            "equalized_odds_difference": gap("tpr") if gap("tpr") > gap("fpr") else gap("fpr")}
# %% cell: chouldechova_fpr
def chouldechova_fpr(prevalence, ppv, fnr):
    p, ppv, fnr = np.asarray(prevalence, float), np.asarray(ppv, float), np.asarray(fnr, float)
    # one person: TP = p (1 - FNR), FN = p FNR, FP = TP (1 - PPV) / PPV, TN = 1 - p - FP
    tp = p * (1 - fnr)
    fp = tp * (1 - ppv) / ppv
    return fp / (1 - p)
# %% cell: equalized_odds_postprocess
def equalized_odds_postprocess(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
    scores, y, groups = np.asarray(scores, float), np.asarray(y), np.asarray(groups)
    prob = pulp.LpProblem("post", pulp.LpMinimize)
    first, out, objective = None, {}, []
    for a, g in enumerate(np.unique(groups)):
        s, yy = scores[groups == g], y[groups == g]
        t = np.unique(s)[::-1]
        tp = np.array([((s >= x) & (yy == 1)).sum() for x in t], float)
        fp = np.array([((s >= x) & (yy != 1)).sum() for x in t], float)
        t, tp, fp = np.r_[np.inf, t], np.r_[0.0, tp], np.r_[0.0, fp]
        P, N = (yy == 1).sum(), (yy != 1).sum()
        lam = [pulp.LpVariable(f"lam_{a}_{i}", lowBound=0) for i in range(len(t))]
        prob += pulp.lpSum(lam) == 1
        tpr = pulp.lpSum(float(v / P if P else 0.0) * l for v, l in zip(tp, lam))
        fpr = pulp.lpSum(float(v / N if N else 0.0) * l for v, l in zip(fp, lam))
        objective.append(cost_fp * pulp.lpSum(float(v) * l for v, l in zip(fp, lam))
                         + cost_fn * (P - pulp.lpSum(float(v) * l for v, l in zip(tp, lam))))
        if first is None:
            first = (tpr, fpr)
        else:
            prob += tpr == first[0]
            prob += fpr == first[1]
        out[g] = (t, lam)
    prob += pulp.lpSum(objective)
    prob.solve(pulp.PULP_CBC_CMD(msg=False))
    if prob.sol_status != 1:
        raise RuntimeError("LP not solved")
    return {g: (t, np.array([l.value() for l in lam])) for g, (t, lam) in out.items()}
