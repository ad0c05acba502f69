# Deletes the lab's last test cell, the hidden kernel-regression check (nbgrader 0.9.6 could lose
# a submission when it restored a deleted test cell).
# class: lost
# honest: stub
# delete: test_ntk_regression_hidden
