# A differently written correct solution: group metrics from a pandas crosstab, the identity in
# odds form, and an LP with each group's TPR and FPR as variables chained to the next group's,
# the thresholds in descending order and the cost summed group by group.
# %% cell: group_metrics
import pandas as pd


def group_metrics(y, y_hat, groups):
    frame = pd.DataFrame({"y": np.asarray(y).astype(int), "p": np.asarray(y_hat).astype(int),
                          "g": list(groups)})
    by_group = {}
    for g, part in frame.groupby("g", sort=True):
        table = pd.crosstab(part["y"], part["p"]).reindex(index=[0, 1], columns=[0, 1], fill_value=0)
        tn, fp, fn, tp = (int(v) for v in table.to_numpy().ravel())
        safe = lambda a, b: a / b if b > 0 else 0.0
        by_group[g] = dict(tp=tp, fp=fp, tn=tn, fn=fn, n=len(part),
                           selection_rate=safe(tp + fp, len(part)), base_rate=safe(tp + fn, len(part)),
                           tpr=safe(tp, tp + fn), fnr=safe(fn, tp + fn), fpr=safe(fp, fp + tn),
                           ppv=safe(tp, tp + fp))
    table = pd.DataFrame(by_group).T
    spread = table.max() - table.min()
    return {"by_group": by_group,
            "demographic_parity_difference": float(spread["selection_rate"]),
            "equalized_odds_difference": float(max(spread["tpr"], spread["fpr"]))}
# %% cell: chouldechova_fpr
def chouldechova_fpr(prevalence, ppv, fnr):
    odds = np.divide(prevalence, np.subtract(1.0, prevalence))
    false_per_true = np.subtract(1.0, ppv) / np.asarray(ppv, dtype=float)
    return odds * false_per_true * np.subtract(1.0, fnr)
# %% cell: equalized_odds_postprocess
def equalized_odds_postprocess(scores, y, groups, cost_fp=1.0, cost_fn=1.0):
    scores, y = np.asarray(scores, dtype=float), np.asarray(y).astype(int)
    groups = np.asarray(groups)
    labels = sorted(set(groups.tolist()), key=str)
    prob = pulp.LpProblem("eo", pulp.LpMinimize)
    rates, rules, total = [], {}, 0
    for a, g in enumerate(labels):
        s, yy = scores[groups == g], y[groups == g]
        t = np.r_[np.inf, np.sort(np.unique(s))[::-1]]
        pi = pulp.LpVariable.dicts(f"pi{a}", range(len(t)), lowBound=0)
        P, N = max((yy == 1).sum(), 1), max((yy == 0).sum(), 1)
        tpr = pulp.LpVariable(f"tpr{a}")
        fpr = pulp.LpVariable(f"fpr{a}")
        prob += pulp.lpSum(pi.values()) == 1
        prob += tpr == pulp.lpSum(pi[i] * ((s >= t[i]) & (yy == 1)).sum() / P for i in range(len(t)))
        prob += fpr == pulp.lpSum(pi[i] * ((s >= t[i]) & (yy == 0)).sum() / N for i in range(len(t)))
        total += cost_fp * (yy == 0).sum() * fpr + cost_fn * (yy == 1).sum() * (1 - tpr)
        rates.append((tpr, fpr))
        rules[g] = (t, pi)
    for (t1, f1), (t2, f2) in zip(rates, rates[1:]):
        prob += t1 == t2
        prob += f1 == f2
    prob += total
    prob.solve(pulp.PULP_CBC_CMD(msg=0))
    assert prob.sol_status == 1, pulp.LpStatus[prob.status]
    return {g: (t, np.array([pi[i].varValue for i in range(len(t))])) for g, (t, pi) in rules.items()}
