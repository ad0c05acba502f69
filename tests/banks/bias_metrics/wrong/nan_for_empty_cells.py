# Reports NaN for a rate whose denominator is 0 (0/0), where the lab (and fairlearn) say 0.0:
# only groups without positives, negatives or selections show it.
# fails: test_group_metrics_hidden
# %% edit: group_metrics
-         return num / den if den else 0.0
+         return num / den if den else float("nan")
