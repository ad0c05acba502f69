# Starts from x.x' instead of x.x'/d: the first layer's variance is d times too large.
# fails: test_analytic_relu_ntk test_analytic_relu_ntk_hidden
# %% edit: analytic_relu_ntk
-     sigma = sigma_w2 * (X1 @ X2.T) / d + sigma_b2          # first dense layer
-     q1 = sigma_w2 * (X1 * X1).sum(1) / d + sigma_b2         # each point's own variance
-     q2 = sigma_w2 * (X2 * X2).sum(1) / d + sigma_b2
+     sigma = sigma_w2 * (X1 @ X2.T) + sigma_b2
+     q1 = sigma_w2 * (X1 * X1).sum(1) + sigma_b2
+     q2 = sigma_w2 * (X2 * X2).sum(1) + sigma_b2
