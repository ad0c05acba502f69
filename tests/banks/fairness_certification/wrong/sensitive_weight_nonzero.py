# Treats a zero metric weight as weight 1: the sensitive feature is held within epsilon
# instead of free, so individuals differing only in it are not compared.
# fails: test_certification_milp_hidden
# The reference cell with this change:
# %% edit: certification_milp
-             if theta[i] > 0:
-                 prob += float(theta[i]) * (x1[i] - x2[i]) <= epsilon
-                 prob += float(theta[i]) * (x2[i] - x1[i]) <= epsilon
+             weight = float(theta[i]) if theta[i] > 0 else 1.0
+             prob += weight * (x1[i] - x2[i]) <= epsilon
+             prob += weight * (x2[i] - x1[i]) <= epsilon
