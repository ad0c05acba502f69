# Late rewinding to the wrong iteration: keeps the weights one step after `rewind_step`.
# fails: test_imp_hidden
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    theta0 = snapshot(model)
    point = dict(theta0)

    def remember(step, net):
        if step == rewind_step + 1:
            point.update(snapshot(net))

    masks = {k: torch.ones_like(w) for k, w in prunable_weights(model).items()}
    history = []
    for r in range(rounds + 1):
        model.load_state_dict(theta0 if r == 0 else point)
        enforce_masks(model, masks)
        start = snapshot(model)
        train_fn(model, on_step=remember if r == 0 and rewind_step else None)
        trained = snapshot(model)
        history.append({"masks": masks, "start": start, "trained": trained})
        if r < rounds:
            masks = magnitude_prune({k: trained[k] for k in masks}, masks, fraction, scope)
    return history
