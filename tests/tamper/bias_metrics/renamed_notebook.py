# The notebook saved under another name, as JupyterLab's "Duplicate" leaves it (nbgrader 0.9.6
# skipped it: "unknown notebook", no grade).
# class: lost
# honest: stub
# rename-notebook: bias_metrics-Copy1.ipynb
