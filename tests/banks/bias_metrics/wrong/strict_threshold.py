# Builds each ROC point with score > t while the rule it returns accepts score >= t, so the
# returned thresholds do not give the rates the LP equalised.
# fails: test_equalized_odds_postprocess test_equalized_odds_postprocess_hidden
# %% edit: equalized_odds_postprocess
-         roc_tpr = [float((pos >= tk).mean()) if len(pos) else 0.0 for tk in t]
-         roc_fpr = [float((neg >= tk).mean()) if len(neg) else 0.0 for tk in t]
+         roc_tpr = [float((pos > tk).mean()) if len(pos) else 0.0 for tk in t]
+         roc_fpr = [float((neg > tk).mean()) if len(neg) else 0.0 for tk in t]
