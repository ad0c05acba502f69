# Floods its output with 2,000 HTML displays of 1,000 characters each (none of them over a
# per-output cap, 2 MB together) and one of 5 million characters.
# class: lost
# honest: stub
# %% append: adversary_input
from IPython.display import HTML, display

for i in range(2_000):
    display(HTML(f"<b>flood {i}</b>" + "y" * 1_000))
display(HTML("<i>" + "x" * 5_000_000 + "</i>"))
