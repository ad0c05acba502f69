# Forgets cat=pulp.LpBinary: beta becomes continuous in [0, 1] (an LP relaxation), whose
# optimum is an upper bound but not the network's real delta_max.
# fails: test_certification_milp test_certification_milp_hidden
# The reference cell with this change:
# %% edit: certification_milp
-                     on = pulp.LpVariable(f"{tag}_on{k}_{j}", cat=pulp.LpBinary)
+                     on = pulp.LpVariable(f"{tag}_on{k}_{j}", 0, 1)
