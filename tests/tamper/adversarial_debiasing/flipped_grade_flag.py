# A test cell whose nbgrader `grade` flag was switched off in its metadata (nbgrader 0.9.6
# failed the submission: "Inconsistent checksums").
# class: lost
# honest: stub
# flip: test_projected_gradient
