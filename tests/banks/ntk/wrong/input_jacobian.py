# Takes the Jacobian with respect to the input x instead of the parameters: the kernel of
# input gradients, not the NTK.
# fails: test_empirical_ntk test_empirical_ntk_hidden test_mean_over_seeds
# %% cell: empirical_ntk
def empirical_ntk(model, X1, X2):
    def f(x):
        return model(x.unsqueeze(0)).reshape(-1)

    J1 = vmap(jacrev(f))(X1)  # (n1, k, d)
    J2 = vmap(jacrev(f))(X2)
    return torch.einsum("iod,jod->ij", J1, J2).detach()
