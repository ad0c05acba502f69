# Deletes the lab's last test cell, the hidden memorisation check, which is followed by cells
# without nbgrader metadata (nbgrader 0.9.6 restored a deleted cell with a KeyError and lost the
# submission).
# class: lost
# honest: stub
# delete: test_random_labels_hidden
