# Floods its output: 100,000 printed lines, one 30-million-character line, and 5 million
# characters on stderr.
# class: lost
# honest: stub
# %% append: group_metrics
import sys

for i in range(100_000):
    print(f"flood line {i}")
print("x" * 30_000_000)
sys.stderr.write("e" * 5_000_000)
