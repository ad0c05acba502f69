# Draws the test features with another seed than the training features: the test points are
# mapped by another random W, so the learned coefficients mean nothing there.
# fails: test_risk_curve test_risk_curve_hidden
# %% edit: risk_curve
-             Phi, Phi_test = features(X_train, p, s), features(X_test, p, s)
+             Phi, Phi_test = features(X_train, p, s), features(X_test, p, s + 1)
