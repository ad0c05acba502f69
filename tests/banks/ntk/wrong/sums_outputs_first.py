# Differentiates the sum of the outputs: right for one output, but for k outputs it adds the cross
# terms J_o(x) J_o'(x')^T with o != o'.
# fails: test_empirical_ntk_hidden
# %% edit: empirical_ntk
-         return functional_call(model, p, (x.unsqueeze(0),)).reshape(-1)
+         return functional_call(model, p, (x.unsqueeze(0),)).sum().reshape(1)
