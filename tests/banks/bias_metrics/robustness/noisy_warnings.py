# A correct solution that emits library-style warnings: must keep full marks.
# expect: full
# %% cell: chouldechova_fpr
import warnings
def chouldechova_fpr(prevalence, ppv, fnr):
    warnings.warn("this is only a harmless UserWarning", UserWarning)
    p, ppv, fnr = (np.asarray(a, dtype=float) for a in (prevalence, ppv, fnr))
    return p / (1 - p) * (1 - ppv) / ppv * (1 - fnr)
