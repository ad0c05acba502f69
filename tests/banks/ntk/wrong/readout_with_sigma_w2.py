# Gives the readout layer the hidden layers' weight variance sigma_w2 instead of 1.
# fails: test_analytic_relu_ntk test_analytic_relu_ntk_hidden
# %% edit: analytic_relu_ntk
-         w2 = sigma_w2 if layer < depth - 1 else 1.0         # the next dense layer
+         w2 = sigma_w2
