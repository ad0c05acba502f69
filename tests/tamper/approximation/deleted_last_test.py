# Deletes the lab's last test cell, the hidden Monte-Carlo check (nbgrader 0.9.6 could lose a
# submission when it restored a deleted test cell).
# class: lost
# honest: stub
# delete: test_interpolation_probability_hidden
