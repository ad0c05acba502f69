# Reads each point's variance from the diagonal of Sigma(X1, X2): right when X1 = X2, wrong (or a
# shape error) when they are different sets of points.
# fails: test_analytic_relu_ntk_hidden
# %% edit: analytic_relu_ntk
-         norms = torch.sqrt(torch.outer(q1, q2))
+         norms = torch.sqrt(torch.outer(torch.diagonal(sigma), torch.diagonal(sigma)))
