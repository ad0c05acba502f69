# Writes the prevalence odds upside down: (1 - p) / p instead of p / (1 - p).
# fails: test_chouldechova_fpr test_chouldechova_fpr_hidden
# %% edit: chouldechova_fpr
-     return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)
+     return (1 - p) / p * (1 - ppv) / ppv * (1 - fnr)
