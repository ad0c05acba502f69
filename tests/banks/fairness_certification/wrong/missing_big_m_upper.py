# Drops a <= u * beta: with beta = 0 the activation may float anywhere up to z - l,
# so the solver invents activations the network never produces.
# fails: test_certification_milp test_certification_milp_hidden
# The reference cell with this change:
# %% edit: certification_milp
-                     prob.addConstraint(a <= float(u[j]) * on)
