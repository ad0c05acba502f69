"""The double-descent checks answer bad return values with one plain sentence, pass the
reference over several grading seeds (their statistical bands hold), and rest on helpers that are
right themselves (fast, no nbgrader)."""
import functools

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from autograder import core
from autograder import double_descent as checks
from sentences import message as one_sentence
from tfdl.double_descent import hastie_risk, isotropic_problem, noisy_labels
from tfdl.models import mlp, snapshot

message = functools.partial(one_sentence, max_chars=520)


# -- reference implementations (the lab's, written here) ----------------------------------------
def min_norm_solution(Phi, y):
    return np.linalg.pinv(np.asarray(Phi, dtype=np.float64)) @ np.asarray(y, dtype=np.float64)


def random_features(X, p, seed):
    X = np.asarray(X, dtype=np.float64)
    W = np.random.default_rng(seed).standard_normal((X.shape[1], p)) / np.sqrt(X.shape[1])
    return np.maximum(X @ W, 0.0)


def test_risk_curve(X_train, y_train, X_test, y_test, ps, seeds, features=random_features,
                    solver=min_norm_solution):
    out = {k: np.zeros((len(seeds), len(ps))) for k in ("test_mse", "train_mse", "norm")}
    for i, s in enumerate(seeds):
        for j, p in enumerate(ps):
            Phi, Phi_test = features(X_train, p, s), features(X_test, p, s)
            a = solver(Phi, y_train)
            out["train_mse"][i, j] = np.mean((Phi @ a - y_train) ** 2)
            out["test_mse"][i, j] = np.mean((Phi_test @ a - y_test) ** 2)
            out["norm"][i, j] = np.linalg.norm(a)
    return out


test_risk_curve.__test__ = False  # a lab function, not a pytest test


def permuted(y, fraction, seed):
    rng = np.random.default_rng(seed)
    chosen = torch.from_numpy(rng.choice(len(y), size=round(fraction * len(y)), replace=False))
    labels = y.clone()
    labels[chosen] = y[chosen[torch.from_numpy(rng.permutation(len(chosen)))]]
    return labels


def fit_random_labels(x, y, fraction, seed, hidden=256, lr=1e-2, max_epochs=300, labels=None,
                      train_x=None):
    labels = permuted(y, fraction, seed) if labels is None else labels
    train_x = x if train_x is None else train_x
    model = mlp([x.shape[1], hidden, 10], seed=seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    acc, epochs = [], None
    for epoch in range(1, max_epochs + 1):
        opt.zero_grad()
        F.cross_entropy(model(train_x), labels).backward()
        opt.step()
        with torch.no_grad():
            acc.append((model(train_x).argmax(1) == labels).float().mean().item())
        if acc[-1] == 1.0:
            epochs = epoch
            break
    return {"labels": labels, "epochs": epochs, "train_acc": acc, "state": snapshot(model)}


@pytest.fixture(autouse=True)
def one_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)
    core.grading_seed = 0


# -- min_norm_solution -----------------------------------------------------------------------------
def test_min_norm_messages():
    assert "should be a NumPy array" in message(checks.check_min_norm, lambda Phi, y: [0.0])
    assert "should have shape (5,)" in message(checks.check_min_norm,
                                               lambda Phi, y: np.zeros((5, 1)))
    assert "NaN" in message(checks.check_min_norm, lambda Phi, y: np.full(Phi.shape[1], np.nan))
    normal = lambda Phi, y: np.linalg.solve(Phi.T @ Phi, Phi.T @ y)  # noqa: E731
    text = message(checks.check_min_norm, normal)
    assert any(k in text for k in ("null space", "least-squares solution", "LinAlgError"))

    def from_ones(Phi, y):
        a0 = np.ones(Phi.shape[1])
        return a0 + np.linalg.pinv(Phi) @ (y - Phi @ a0)

    assert "null space of Φ" in message(checks.check_min_norm, from_ones)
    def ridge(Phi, y):
        return np.linalg.solve(Phi.T @ Phi + 0.1 * np.eye(Phi.shape[1]), Phi.T @ y)

    assert "does not interpolate" in message(checks.check_min_norm, ridge)
    assert "float32" in message(checks.check_min_norm,
                                lambda Phi, y: min_norm_solution(Phi, y).astype(np.float32))

    def in_place(Phi, y):
        Phi *= 1.0
        y -= 0.0
        Phi[0, 0] += 1e-3
        return min_norm_solution(Phi, y)

    assert "in place" in message(checks.check_min_norm, in_place)


def test_min_norm_hidden_names_rank_deficiency_and_the_ridge_limit():
    def no_threshold(Phi, y):
        U, s, Vt = np.linalg.svd(np.asarray(Phi, float), full_matrices=False)
        return Vt.T @ np.diag(1 / s) @ U.T @ np.asarray(y, float)

    assert "rank" in message(checks.check_min_norm_hidden, no_threshold)
    def squeezed(Phi, y):
        return np.atleast_1d(min_norm_solution(Phi, y).squeeze())

    assert "shape (20, 1)" in message(checks.check_min_norm_hidden, squeezed)
    # the ridge limit is judged on the returned solution: a solution off the ridge path fails it
    Phi = checks.controlled_matrix(30, 40, 10, 0)
    y = np.random.default_rng(0).standard_normal(30)
    off = {"a": min_norm_solution(Phi, y) + 1e-3 * np.linalg.svd(Phi)[2][-1]}
    with pytest.raises(core.CheckFailed, match="limit of ridge"):
        checks._check_ridge_limit(off, Phi, y, "on a test matrix")
    checks._check_ridge_limit({"a": min_norm_solution(Phi, y)}, Phi, y, "on a test matrix")


def test_hastie_message():
    text = message(checks.check_hastie, lambda X, Y: np.zeros((X.shape[1], Y.shape[1])))
    assert "Hastie et al." in text and "formula gives" in text


# -- random_features -------------------------------------------------------------------------------
def test_random_features_messages():
    assert "never negative" in message(checks.check_random_features,
                                       lambda X, p, s: random_features(X, p, s) - 1.0)
    assert "global random state" in message(
        checks.check_random_features,
        lambda X, p, s: np.maximum(X @ np.random.standard_normal((X.shape[1], p)), 0))
    assert "the seed should choose W" in message(checks.check_random_features,
                                                 lambda X, p, s: random_features(X, p, 0))

    def with_bias(X, p, seed):
        W = np.random.default_rng(seed).standard_normal((X.shape[1] + 1, p)) / np.sqrt(X.shape[1])
        return np.maximum(np.asarray(X) @ W[1:] + W[0], 0)

    assert "not max(0, X W)" in message(checks.check_random_features, with_bias)
    assert "shape (4, 6)" in message(checks.check_random_features,
                                      lambda X, p, s: random_features(X, p, s).T)

    def in_place(X, p, seed):
        X *= 2
        return random_features(X / 2, p, seed)

    assert "changed X in place" in message(checks.check_random_features, in_place)


def test_random_features_hidden_messages():
    unscaled = lambda X, p, s: np.maximum(  # noqa: E731
        X @ np.random.default_rng(s).standard_normal((X.shape[1], p)), 0)
    assert "variance" in message(checks.check_random_features_hidden, unscaled)
    uniform = lambda X, p, s: np.maximum(X @ np.random.default_rng(s).uniform(  # noqa: E731
        -1, 1, (X.shape[1], p)) * np.sqrt(3 / X.shape[1]), 0)
    assert "kurtosis" in message(checks.check_random_features_hidden, uniform)


# -- test_risk_curve -------------------------------------------------------------------------------
def test_risk_curve_messages():
    assert "should return a dict" in message(checks.check_risk_curve, lambda *a, **k: [1.0])
    assert "without the key(s) ['norm']" in message(
        checks.check_risk_curve,
        lambda *a, **k: {key: v for key, v in test_risk_curve(*a, **k).items() if key != "norm"})
    def transposed(*a, **k):
        return {key: v.T for key, v in test_risk_curve(*a, **k).items()}

    assert "shape (2, 3)" in message(checks.check_risk_curve, transposed)

    def redrawn(X, y, Xt, yt, ps, seeds, features=random_features, solver=min_norm_solution):
        def other(X_, p, s):
            return features(X_, p, s + 1) if X_ is Xt else features(X_, p, s)
        return test_risk_curve(X, y, Xt, yt, ps, seeds, features=other, solver=solver)

    assert "same seed (the same W)" in message(checks.check_risk_curve, redrawn)


def test_risk_curve_hidden_needs_the_signature():
    def linear(X, p, seed):  # rank at most d: no interpolation from p = n on
        return np.asarray(X, float) @ np.random.default_rng(seed).standard_normal((X.shape[1], p))

    assert "training MSE" in message(
        functools.partial(checks.check_risk_curve_hidden, random_features=linear),
        test_risk_curve)


# -- fit_random_labels -----------------------------------------------------------------------------
def test_random_labels_messages():
    assert "should return a dict" in message(checks.check_random_labels, lambda *a: [])

    def uniform(x, y, fraction, seed):
        labels = torch.from_numpy(np.random.default_rng(seed).integers(0, 10, len(y)))
        return fit_random_labels(x, y, fraction, seed, labels=labels)

    assert "class counts" in message(checks.check_random_labels, uniform)

    def with_inputs(x, y, fraction, seed):
        order = torch.from_numpy(np.random.default_rng(seed).permutation(len(y)))
        return fit_random_labels(x, y, fraction, seed, labels=y[order], train_x=x[order])

    assert "gives only" in message(checks.check_random_labels, with_inputs)

    def claims(x, y, fraction, seed):
        run = fit_random_labels(x, y, fraction, seed)
        run["epochs"] = 5
        run["train_acc"] = run["train_acc"][-5:]
        return run

    assert "reports 5 epochs" in message(checks.check_random_labels, claims)

    def never_stops(x, y, fraction, seed):
        run = fit_random_labels(x, y, fraction, seed)
        run["train_acc"] = run["train_acc"] + [1.0]
        return run

    assert "'train_acc'" in message(checks.check_random_labels, never_stops)
    assert "should be the number" in message(
        checks.check_random_labels, lambda *a: {**fit_random_labels(*a), "epochs": None})


def test_random_labels_hidden_messages():
    def every_label(x, y, fraction, seed):
        return fit_random_labels(x, y, 1.0, seed)

    assert "can change at most 0" in message(checks.check_random_labels_hidden, every_label)

    def same_seed(x, y, fraction, seed):
        return fit_random_labels(x, y, fraction, seed, labels=permuted(y, fraction, 0))

    assert "the seed should choose the permutation" in message(
        checks.check_random_labels_hidden, same_seed)


# -- the reference passes over grading seeds; the helpers are right --------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_reference_passes_every_check_over_grading_seeds(seed):
    core.grading_seed = 1000 * seed
    checks.check_min_norm(min_norm_solution)
    checks.check_min_norm_hidden(min_norm_solution)
    checks.check_hastie(min_norm_solution)
    checks.check_random_features(random_features)
    checks.check_random_features_hidden(random_features)
    checks.check_risk_curve(test_risk_curve)
    checks.check_risk_curve_hidden(test_risk_curve, random_features)
    checks.check_random_labels(fit_random_labels)
    checks.check_random_labels_hidden(fit_random_labels)


def test_reference_solver_is_the_pseudo_inverse_and_ridge_converges_to_it():
    rng = np.random.default_rng(0)
    for n, p, r in ((20, 50, 20), (50, 20, 20), (30, 40, 10), (15, 1, 1)):
        Phi = checks.controlled_matrix(n, p, r, n + p)
        y = rng.standard_normal((n, 2))
        best = checks.min_norm_reference(Phi, y)
        assert np.allclose(best, np.linalg.pinv(Phi) @ y, atol=1e-10)
        s = np.linalg.svd(Phi, compute_uv=False)
        assert np.isclose(s[0] / s[r - 1], 100.0) or r == 1
        lams = [lam * s[0] ** 2 for lam in (1e-2, 1e-6, 1e-10)]
        gaps = [np.linalg.norm(a - best) for a in checks.ridge_path(Phi, y, lams)]
        assert gaps[0] > gaps[1] > gaps[2] and gaps[2] < 1e-5  # the check's tolerance


def test_hastie_formula_and_problem():
    assert hastie_risk(0.5, r2=1.0, sigma2=0.25) == pytest.approx(0.25)
    assert hastie_risk(2.0, r2=1.0, sigma2=0.25) == pytest.approx(0.75)
    assert np.isinf(hastie_risk(1.0))
    both = hastie_risk(np.array([0.5, 4.0]), 1.0, 1.0)
    assert both.tolist() == pytest.approx([1.0, 0.75 + 1 / 3])
    X, Y, B = isotropic_problem(30, 40, k=3, seed=4, r=2.0, sigma=0.0)
    assert X.shape == (30, 40) and Y.shape == (30, 3)
    assert np.allclose(np.linalg.norm(B, axis=0), 2.0) and np.allclose(Y, X @ B)


def test_noisy_labels_changes_exactly_the_fraction():
    y = np.arange(200) % 10
    noisy = noisy_labels(y, 0.2, 10, seed=1)
    assert (noisy != y).sum() == 40 and noisy.min() >= 0 and noisy.max() <= 9


def test_checks_own_adam_is_torch_adam():
    x = torch.rand(50, 64)
    labels = torch.arange(50) % 10
    epochs, history, state = checks.train_on_labels.__wrapped__(x, labels, 0, max_epochs=40)
    torch_run = fit_random_labels(x, labels, 0.0, 0, max_epochs=40)
    assert torch_run["epochs"] == epochs and torch_run["train_acc"] == history
    assert all(torch.equal(state[k], torch_run["state"][k]) for k in state)
