# Uses scipy.spatial.Delaunay and the barycentric coordinates of the simplex that holds x: right
# for points in general position in 2-D and up, but Qhull refuses 1-D data, points on a line and
# fewer points than dimensions.
# fails: test_in_hull_hidden test_interpolation_probability_hidden
# %% cell: in_hull
from scipy.spatial import Delaunay


def in_hull(X, x):
    X = np.asarray(X, dtype=float)
    x = np.asarray(x, dtype=float).reshape(-1)
    triangulation = Delaunay(X)
    simplex = int(triangulation.find_simplex(x))
    if simplex < 0:
        return False, None
    T = triangulation.transform[simplex]
    b = T[:-1] @ (x - T[-1])
    lam = np.zeros(len(X))
    lam[triangulation.simplices[simplex]] = np.append(b, 1 - b.sum())
    return True, lam
