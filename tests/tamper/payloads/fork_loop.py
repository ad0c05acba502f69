import os

children = 0
for _ in range(300):
    try:
        pid = os.fork()
    except OSError as error:
        print("fork refused after", children, "children:", error)
        break
    if pid == 0:
        try:
            os.execv("/bin/sh", ["@MARKER@", "-c", "while :; do sleep 1; done"])
        finally:
            os._exit(0)
    children += 1
print("started", children, "children")
