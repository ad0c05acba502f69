import sys

for i in range(100_000):
    print(f"flood line {i}")
print("x" * 30_000_000)
sys.stderr.write("e" * 5_000_000)
