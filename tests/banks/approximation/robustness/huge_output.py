# A correct solution that prints a 5-million-character line and a line per trial: graded with full
# marks, output capped.
# expect: full
# %% cell: interpolation_probability
print("x" * 5_000_000)


def interpolation_probability(n, d, trials, seed=0, query="new"):
    rng = np.random.default_rng(seed)
    inside = 0
    for t in range(trials):
        X = rng.normal(size=(n, d))
        x = rng.normal(size=d) if query == "new" else np.zeros(d)
        inside += in_hull(X, x)[0]
        print(f"trial {t}: {inside} inside so far")
    return inside / trials
