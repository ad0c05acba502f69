# Creates the problem without pulp.LpMaximize: PuLP minimises by default, which finds the
# most negative f(x') - f(x''), not delta_max.
# fails: test_certification_milp test_certification_milp_hidden
# The reference cell with this change:
# %% edit: certification_milp
-     prob = pulp.LpProblem("individual_fairness", pulp.LpMaximize)
+     prob = pulp.LpProblem("individual_fairness")
