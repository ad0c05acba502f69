# Converts its inputs with float(), so it works on single numbers but raises on arrays.
# fails: test_chouldechova_fpr_hidden
# %% cell: chouldechova_fpr
def chouldechova_fpr(prevalence, ppv, fnr):
    p, ppv, fnr = float(prevalence), float(ppv), float(fnr)
    return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)
