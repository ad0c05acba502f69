# A wrong solver (always zero), and a shadow `autograder` package in the submission folder (the
# kernel's working directory comes first on sys.path): it loads the real package, then makes
# every check of the lab pass, before the setup cell imports them.
# class: kernel
# honest: stub
# %% cell: min_norm_solution
def min_norm_solution(Phi, y):
    return np.zeros((np.shape(Phi)[1],) + np.shape(y)[1:])
# %% file: autograder/__init__.py
# include: shadow_autograder_package
