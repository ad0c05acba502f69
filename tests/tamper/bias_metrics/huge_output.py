# Floods its output: 100,000 printed lines, one 30-million-character line, and 5 million
# characters on stderr.
# class: lost
# honest: stub
# %% append: group_metrics
# include: huge_output
