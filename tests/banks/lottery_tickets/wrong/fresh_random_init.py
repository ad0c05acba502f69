# Re-initialises the network at random each round instead of rewinding to the original θ0.
# fails: test_imp test_imp_hidden test_ticket
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    masks = {k: torch.ones_like(w) for k, w in prunable_weights(model).items()}
    history = []
    for r in range(rounds + 1):
        if r > 0:
            for module in model.modules():
                if isinstance(module, torch.nn.Linear):
                    module.reset_parameters()
        enforce_masks(model, masks)
        start = snapshot(model)
        train_fn(model)
        trained = snapshot(model)
        history.append({"masks": masks, "start": start, "trained": trained})
        if r < rounds:
            masks = magnitude_prune({k: trained[k] for k in masks}, masks, fraction, scope)
    return history
