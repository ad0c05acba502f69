# Prunes the biases too: masks over every parameter, not only the weight matrices.
# fails: test_imp test_imp_hidden test_ticket
# %% cell: iterative_magnitude_pruning
def iterative_magnitude_pruning(model, train_fn, rounds, fraction, scope="layer", rewind_step=0):
    theta0 = snapshot(model)
    masks = {k: torch.ones_like(v) for k, v in model.named_parameters()}
    history = []
    for r in range(rounds + 1):
        model.load_state_dict({k: v * masks[k] for k, v in theta0.items()})
        for k, p in model.named_parameters():
            p.register_hook(lambda g, m=masks[k]: g * m)
        start = snapshot(model)
        train_fn(model)
        trained = snapshot(model)
        history.append({"masks": masks, "start": start, "trained": trained})
        masks = magnitude_prune({k: trained[k] for k in masks}, masks, fraction, scope)
    return history
