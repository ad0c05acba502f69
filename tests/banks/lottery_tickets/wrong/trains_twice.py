# Trains every pruned round twice: starts, masks and pruning are all right, and pruned weights
# stay zero, so only recomputing each round's training from its start catches it.
# fails: test_imp test_imp_hidden
# %% edit: iterative_magnitude_pruning
-         train_fn(model, on_step=remember_rewind_point if r == 0 and rewind_step else None)
+         train_fn(model, on_step=remember_rewind_point if r == 0 and rewind_step else None)
+         if r > 0:
+             train_fn(model)
