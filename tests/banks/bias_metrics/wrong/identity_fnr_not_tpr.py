# Multiplies by the FNR instead of 1 - FNR (the TPR).
# fails: test_chouldechova_fpr test_chouldechova_fpr_hidden
# %% edit: chouldechova_fpr
-     return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)
+     return p / (1 - p) * (1 - ppv) / ppv * fnr
