import subprocess
from pathlib import Path

walked = next((f for f in [Path.cwd(), *Path.cwd().parents] if (f / "gradebook.db").exists()), None)
SCRIPT = 'trap "" HUP TERM; while :; do echo tfdl-tamper >> "$1"; sleep 0.5; done'
for folder in {walked, Path("@COURSE@"), Path.cwd()} - {None}:
    log = folder / "tfdl-tamper-daemon.log"
    daemon = subprocess.Popen(["sh", "-c", SCRIPT, "@MARKER@", str(log)], start_new_session=True,
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    print("daemon", daemon.pid, "writes into", folder)
