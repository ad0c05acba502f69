# Returns the NNGP kernel Sigma (the covariance of the outputs at initialisation) instead of the
# NTK Theta: the gradients with respect to the hidden layers are missing.
# fails: test_analytic_relu_ntk test_analytic_relu_ntk_hidden
# %% edit: analytic_relu_ntk
-     return theta_k
+     return sigma
