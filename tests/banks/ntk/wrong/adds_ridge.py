# Adds a ridge of 1e-3 "for stability": the prediction no longer interpolates the training
# targets, as kernel regression with the NTK (gradient flow to convergence) does.
# fails: test_ntk_regression test_ntk_regression_hidden
# %% edit: ntk_regression
-         return K_test @ torch.linalg.solve(K_train, y_train)
+         ridge = 1e-3 * torch.eye(K_train.shape[0], dtype=K_train.dtype)
+         return K_test @ torch.linalg.solve(K_train + ridge, y_train)
