# Ranks the weights by their magnitude at initialisation (θ0), not after training.
# fails: test_imp test_imp_hidden
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    theta0 = snapshot(model)
    masks = {k: torch.ones_like(w) for k, w in prunable_weights(model).items()}
    history = []
    for r in range(rounds + 1):
        model.load_state_dict(theta0)
        enforce_masks(model, masks)
        start = snapshot(model)
        train_fn(model)
        history.append({"masks": masks, "start": start, "trained": snapshot(model)})
        if r < rounds:
            masks = magnitude_prune({k: theta0[k] for k in masks}, masks, fraction, scope)
    return history
