# A copy of a test cell (same grade id) right after it, as a copy-paste leaves it (nbgrader
# 0.9.6 stopped the whole batch: "old metadata format").
# class: lost
# honest: stub
# duplicate: test_empirical_ntk
