# A differently written correct solution: the empirical NTK column by column with torch.func's vjp
# (the gradient of one output at one point of X2) and jvp (its product with the Jacobian at X1),
# without vmap or jacrev; the analytic NTK as Arora et al.'s sum over layers of products of
# derivative kernels; kernel regression through the eigendecomposition of K_train.
# %% cell: empirical_ntk
def empirical_ntk(model, X1, X2):
    names = [name for name, _ in model.named_parameters()]
    primals = tuple(p.detach() for _, p in model.named_parameters())

    def at(X):
        return lambda *ps: functional_call(model, dict(zip(names, ps)), (X,))

    out2, pull = vjp(at(X2), *primals)
    n2, k = out2.shape
    K = torch.zeros(len(X1), n2, dtype=out2.dtype)
    for j in range(n2):
        for o in range(k):
            cotangent = torch.zeros_like(out2)
            cotangent[j, o] = 1.0
            gradient = pull(cotangent)               # d f_o(x2_j) / d params
            _, column = jvp(at(X1), primals, gradient)
            K[:, j] += column[:, o]
    return K
# %% cell: analytic_relu_ntk
def analytic_relu_ntk(X1, X2, depth, sigma_w2=2.0, sigma_b2=0.0):
    X1, X2 = X1.double(), X2.double()
    d = X1.shape[1]
    weights = [sigma_w2] * depth + [1.0]             # w^2 of each dense layer; the readout last
    S = [weights[0] * X1 @ X2.T / d + sigma_b2]      # pre-activation covariances S^(0..L)
    a = [weights[0] * (X1 ** 2).sum(1) / d + sigma_b2]
    b = [weights[0] * (X2 ** 2).sum(1) / d + sigma_b2]
    D = []                                           # derivative kernels D^(1..L)
    for h in range(1, depth + 1):
        scale = torch.sqrt(a[-1][:, None] * b[-1][None, :])
        cos = torch.clamp(S[-1] / scale, -1.0, 1.0)
        angle = torch.acos(cos)
        E = scale * (torch.sin(angle) + (math.pi - angle) * cos) / (2 * math.pi)
        D.append((math.pi - angle) / (2 * math.pi))
        S.append(weights[h] * E + sigma_b2)
        a.append(weights[h] * a[-1] / 2 + sigma_b2)
        b.append(weights[h] * b[-1] / 2 + sigma_b2)
    theta = torch.zeros_like(S[0])
    for h in range(depth + 1):                       # sum_h S^(h) prod_{h' > h} w_h'^2 D^(h')
        term = S[h].clone()
        for g in range(h + 1, depth + 1):
            term = term * weights[g] * D[g - 1]
        theta = theta + term
    return theta
# %% cell: ntk_regression
def ntk_regression(K_train, K_test, y_train, t=None, lr=1.0):
    values, vectors = torch.linalg.eigh(K_train)
    if t is None:
        factor = 1.0 / values
    else:
        factor = -torch.expm1(-lr * t * values) / values
    coefficients = vectors.T @ y_train
    if coefficients.dim() == 2:
        factor = factor[:, None]
    return K_test @ (vectors @ (factor * coefficients))
