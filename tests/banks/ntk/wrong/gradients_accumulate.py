# A loop of backward() calls that never zeroes .grad: each point's gradient also holds the
# gradients of the points before it.
# fails: test_empirical_ntk test_empirical_ntk_hidden test_mean_over_seeds
# %% cell: empirical_ntk
def empirical_ntk(model, X1, X2):
    params = list(model.parameters())

    def gradients(X):
        rows = []
        for x in X:
            outputs = model(x.unsqueeze(0)).reshape(-1)
            per_output = []
            for o in range(outputs.numel()):
                outputs[o].backward(retain_graph=True)
                per_output.append(torch.cat([p.grad.reshape(-1).clone() for p in params]))
            rows.append(torch.stack(per_output))
        return torch.stack(rows)

    K = torch.einsum("iop,jop->ij", gradients(X1), gradients(X2))
    for p in params:
        p.grad = None
    return K
