# A correct solution that leaves CBC's log on (msg=True) and prints a 5-million-character line:
# graded with full marks, output capped.
# expect: full
# %% edit: equalized_odds_postprocess
-     prob.solve(pulp.PULP_CBC_CMD(msg=False))
+     print("x" * 5_000_000)
+     prob.solve(pulp.PULP_CBC_CMD(msg=True))
