# Deletes the lab's last test cell, the hidden statistical check, which comes after a cell
# without nbgrader metadata (nbgrader 0.9.6 restored it with a KeyError and lost the
# submission).
# class: lost
# honest: stub
# delete: test_ticket
