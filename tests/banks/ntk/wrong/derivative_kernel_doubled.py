# Takes Arora et al.'s derivative kernel (pi - theta)/pi, which has the factor c_sigma = 2 folded
# in, while also multiplying by sigma_w2 = 2: the gradient part of every layer is doubled.
# fails: test_analytic_relu_ntk test_analytic_relu_ntk_hidden
# %% edit: analytic_relu_ntk
-         derivative = (math.pi - angle) / (2 * math.pi)      # the ReLU's derivative kernel
+         derivative = (math.pi - angle) / math.pi
