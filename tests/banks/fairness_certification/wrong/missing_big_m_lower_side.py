# Drops a <= z - l * (1 - beta): with beta = 1 the activation is no longer pinned to z.
# fails: test_certification_milp test_certification_milp_hidden
# The reference cell with this change:
# %% edit: certification_milp
-                     prob.addConstraint(a <= z[j] - float(l[j]) * (1 - on))
