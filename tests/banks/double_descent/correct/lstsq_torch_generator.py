# A second correct implementation: NumPy's least-squares routine, W drawn with a seeded
# torch.Generator in float64, one call of `features` on the training and test points stacked
# together (the same W for both), and the permutation drawn with torch.randperm; the loss as
# nn.CrossEntropyLoss and the accuracy counted with sum().
# %% cell: min_norm_solution
def min_norm_solution(Phi, y):
    solution, *_ = np.linalg.lstsq(np.asarray(Phi, dtype=np.float64),
                                   np.asarray(y, dtype=np.float64), rcond=None)
    return solution
# %% cell: random_features
def random_features(X, p, seed):
    X = torch.as_tensor(np.asarray(X, dtype=np.float64))
    g = torch.Generator().manual_seed(int(seed))
    W = torch.randn(X.shape[1], p, generator=g, dtype=torch.float64) / X.shape[1] ** 0.5
    return torch.relu(X @ W).numpy()
# %% cell: risk_curve
def test_risk_curve(X_train, y_train, X_test, y_test, ps, seeds, features=random_features,
                    solver=min_norm_solution):
    n = len(X_train)
    test_mse, train_mse, norm = [], [], []
    for s in seeds:
        rows = ([], [], [])
        for p in ps:
            both = features(np.concatenate([X_train, X_test]), p, s)
            Phi, Phi_test = both[:n], both[n:]
            a = solver(Phi, y_train)
            rows[0].append(((Phi_test @ a - y_test) ** 2).mean())
            rows[1].append(((Phi @ a - y_train) ** 2).mean())
            rows[2].append(np.sqrt(np.sum(a ** 2)))
        test_mse.append(rows[0]), train_mse.append(rows[1]), norm.append(rows[2])
    return {"test_mse": np.array(test_mse), "train_mse": np.array(train_mse),
            "norm": np.array(norm)}
# %% cell: fit_random_labels
def fit_random_labels(x, y, fraction, seed, hidden=256, lr=1e-2, max_epochs=300):
    g = torch.Generator().manual_seed(10_000 + seed)  # not the stream mlp(seed=seed) draws from
    n = len(y)
    chosen = torch.randperm(n, generator=g)[:round(fraction * n)]
    shuffled = chosen[torch.randperm(len(chosen), generator=g)]
    labels = y.clone()
    labels[chosen] = y[shuffled]
    model = mlp([x.shape[1], hidden, 10], seed=seed)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = torch.nn.CrossEntropyLoss()
    history = []
    for epoch in range(1, max_epochs + 1):
        optimizer.zero_grad()
        loss_fn(model(x), labels).backward()
        optimizer.step()
        model.eval()
        with torch.no_grad():
            correct = int((model(x).argmax(1) == labels).sum())
        model.train()
        history.append(correct / n)
        if correct == n:
            return {"labels": labels, "epochs": epoch, "train_acc": history,
                    "state": snapshot(model)}
    return {"labels": labels, "epochs": None, "train_acc": history, "state": snapshot(model)}
