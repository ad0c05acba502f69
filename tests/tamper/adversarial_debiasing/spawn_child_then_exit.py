# Holds 3 GiB of memory, starts a child process that would live on (a shell that sleeps
# forever and carries the marker), then ends its own kernel with os._exit halfway through the
# notebook.
# class: process
# honest: stub
# %% append: projected_gradient
import os
import subprocess

try:
    hog = [b"\x01" * (256 * 2**20) for _ in range(12)]
    print("holding", sum(map(len, hog)) // 2**20, "MiB")
except MemoryError:
    print("the memory was refused")
child = subprocess.Popen(["sh", "-c", "while :; do sleep 1; done", "@MARKER@"])
print("child", child.pid)
os._exit(0)
