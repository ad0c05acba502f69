# A differently written correct solution with plain loops and no torch.func: the empirical NTK
# from torch.autograd.grad at each point and output; the analytic NTK entry by entry with Python
# floats and math.acos; kernel regression with the inverse matrix and torch.matrix_exp.
# %% cell: empirical_ntk
def empirical_ntk(model, X1, X2):
    params = list(model.parameters())

    def gradients(X):  # gradients[i][o]: all parameters' gradient of output o at point i
        rows = []
        for i in range(X.shape[0]):
            out = model(X[i:i + 1]).reshape(-1)
            row = []
            for o in range(out.shape[0]):
                grads = torch.autograd.grad(out[o], params, retain_graph=True)
                row.append(torch.cat([g.reshape(-1) for g in grads]))
            rows.append(row)
        return rows

    G1, G2 = gradients(X1), gradients(X2)
    K = torch.zeros(len(G1), len(G2), dtype=torch.float64)
    for i in range(len(G1)):
        for j in range(len(G2)):
            K[i, j] = sum(torch.dot(G1[i][o], G2[j][o]) for o in range(len(G1[i])))
    return K
# %% cell: analytic_relu_ntk
def analytic_relu_ntk(X1, X2, depth, sigma_w2=2.0, sigma_b2=0.0):
    A, B = X1.tolist(), X2.tolist()
    d = len(A[0])
    K = torch.zeros(len(A), len(B), dtype=torch.float64)
    for i, x in enumerate(A):
        for j, z in enumerate(B):
            s = sigma_w2 * sum(u * v for u, v in zip(x, z)) / d + sigma_b2
            p = sigma_w2 * sum(u * u for u in x) / d + sigma_b2
            q = sigma_w2 * sum(v * v for v in z) / d + sigma_b2
            ntk = s
            for layer in range(depth):
                c = max(-1.0, min(1.0, s / math.sqrt(p * q)))
                angle = math.acos(c)
                s = math.sqrt(p * q) * (math.sin(angle) + (math.pi - angle) * c) / (2 * math.pi)
                ntk *= (math.pi - angle) / (2 * math.pi)
                p, q = p / 2, q / 2
                w2 = sigma_w2 if layer + 1 < depth else 1.0
                s, p, q = w2 * s + sigma_b2, w2 * p + sigma_b2, w2 * q + sigma_b2
                ntk = s + w2 * ntk
            K[i, j] = ntk
    return K
# %% cell: ntk_regression
def ntk_regression(K_train, K_test, y_train, t=None, lr=1.0):
    inverse = torch.linalg.inv(K_train)
    if t is None:
        return K_test @ inverse @ y_train
    decay = torch.matrix_exp(-lr * t * K_train)
    return K_test @ inverse @ (y_train - decay @ y_train)
