# A third correct implementation: the pseudo-inverse by hand from the SVD, inverting only the
# singular values above 1e-12 times the largest; W drawn with rng.normal(0, 1/sqrt(d)); the curve
# filled entry by entry; the subset permuted with NumPy's permutation of indices; the loss
# written as log_softmax and nll_loss.
# %% cell: min_norm_solution
def min_norm_solution(Phi, y):
    Phi = np.array(Phi, dtype=np.float64)
    y = np.array(y, dtype=np.float64)
    U, s, Vt = np.linalg.svd(Phi, full_matrices=False)
    inverse = np.zeros_like(s)
    big = s > 1e-12 * (s.max() if s.size else 0)
    inverse[big] = 1 / s[big]
    coefficients = U.T @ y
    if y.ndim == 1:
        return Vt.T @ (inverse * coefficients)
    return Vt.T @ (inverse[:, None] * coefficients)
# %% cell: random_features
def random_features(X, p, seed):
    X = np.array(X, dtype=np.float64)
    d = X.shape[1]
    W = np.random.default_rng(seed).normal(0.0, 1.0 / np.sqrt(d), size=(d, p))
    Phi = X @ W
    Phi[Phi < 0] = 0.0
    return Phi
# %% cell: risk_curve
def test_risk_curve(X_train, y_train, X_test, y_test, ps, seeds, features=random_features,
                    solver=min_norm_solution):
    shape = (len(seeds), len(ps))
    test_mse, train_mse, norm = np.empty(shape), np.empty(shape), np.empty(shape)
    for i in range(len(seeds)):
        for j in range(len(ps)):
            W_train = features(X_train, ps[j], seeds[i])
            W_test = features(X_test, ps[j], seeds[i])
            a = solver(W_train, y_train)
            test_mse[i, j] = np.mean(np.square(W_test @ a - y_test))
            train_mse[i, j] = np.mean(np.square(W_train @ a - y_train))
            norm[i, j] = np.linalg.norm(a)
    return dict(test_mse=test_mse, train_mse=train_mse, norm=norm)
# %% cell: fit_random_labels
def fit_random_labels(x, y, fraction, seed, hidden=256, lr=1e-2, max_epochs=300):
    rng = np.random.default_rng(seed)
    n = len(y)
    idx = rng.permutation(n)[: int(round(fraction * n))]
    labels = y.numpy().copy()
    labels[idx] = labels[idx][rng.permutation(len(idx))]
    labels = torch.from_numpy(labels)
    model = mlp([x.shape[1], hidden, 10], seed=seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    accuracies = []
    epochs = None
    epoch = 0
    while epoch < max_epochs:
        epoch += 1
        opt.zero_grad()
        loss = F.nll_loss(F.log_softmax(model(x), dim=1), labels)
        loss.backward()
        opt.step()
        with torch.no_grad():
            accuracies.append(float((model(x).argmax(1) == labels).double().mean()))
        if accuracies[-1] >= 1.0:
            epochs = epoch
            break
    return {"labels": labels, "epochs": epochs, "train_acc": accuracies, "state": snapshot(model)}
