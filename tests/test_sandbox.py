"""The grading sandbox (autograder/sandbox.py): a submission's kernel sees none of the course's
secrets, writes nowhere but throw-away copies, has no network and bounded resources, leaves no
process behind, and still runs the labs and answers interrupts.

The kernels start in ``autograded/alice/lab/`` of a fake course next to a gradebook, solutions
and another student's work, as in ``nbgrader autograde``. Files there are world-readable, so
what keeps them from the kernel is the sandbox, not file permissions."""
import ast
import asyncio
import json
import logging
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from jupyter_core.paths import jupyter_runtime_dir

from autograder.sandbox import MISSING_BWRAP, UNSANDBOXED, SandboxedKernelManager

REPO = Path(__file__).resolve().parent.parent
SITE_PACKAGES = next(p for p in sys.path if p.endswith("site-packages"))
AS_ROOT = os.getuid() == 0
NORMAL_USERS = ("tester", "nobody")  # for the test that grades as a normal user
LAB = "adversarial_debiasing"  # its setup cell loads the course's datasets
DEFAULT_PROCESS_LIMIT = SandboxedKernelManager.class_traits()["process_limit"].default_value

needs_bwrap = pytest.mark.skipif(shutil.which("bwrap") is None,
                                 reason="bubblewrap is not installed (apt-get install bubblewrap)")

# Defined in the kernel: attempt(action) says "ok" or why the action failed ("ENOENT", ...).
ATTEMPT = """
import errno, os, resource, socket, subprocess, sys, time
def attempt(action):
    try:
        action()
        return "ok"
    except OSError as e:
        return errno.errorcode.get(e.errno, type(e).__name__)
    except Exception as e:
        return type(e).__name__
"""


class Kernel:
    """A SandboxedKernelManager's kernel and a client, driven synchronously."""

    def __init__(self, cwd, **traits):
        self.loop = asyncio.new_event_loop()
        self.km = SandboxedKernelManager(kernel_name="python3", **traits)
        self.loop.run_until_complete(self.km.start_kernel(cwd=str(cwd)))
        self.scratch = self.km._scratch
        self.kc = self.km.client()
        self.kc.start_channels()
        self.loop.run_until_complete(self.kc.wait_for_ready(timeout=60))
        self.run(ATTEMPT)

    def run(self, code, interrupt_after=None):
        """(stdout, name of the error or None) of running ``code``."""
        return self.loop.run_until_complete(self._run(code, interrupt_after))

    async def _run(self, code, interrupt_after):
        out, errors = [], []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                errors.append(msg["content"]["ename"])

        cell = asyncio.ensure_future(
            self.kc.execute_interactive(code, output_hook=hook, timeout=60))
        if interrupt_after:
            await asyncio.sleep(interrupt_after)
            await self.km.interrupt_kernel()
        await cell
        return "".join(out), (errors[0] if errors else None)

    def value(self, expression):
        out, error = self.run(f"print(repr({expression}))")
        assert error is None, (expression, out, error)
        return ast.literal_eval(out.strip().splitlines()[-1])

    def shutdown(self):
        self.kc.stop_channels()
        self.loop.run_until_complete(self.km.shutdown_kernel())
        self.loop.close()


def make_course(root: Path) -> Path:
    """A fake course folder; returns alice's autograded lab folder."""
    files = {"gradebook.db": "GRADEBOOK", "solutions/lab/secret.txt": "SOLUTION",
             "submitted/bob/lab/answer.txt": "BOB", "autograded/bob/lab/answer.txt": "BOB",
             "autograded/alice/lab/notes.txt": "original",
             "autograded/alice/lab/lab.ipynb": "### BEGIN HIDDEN TESTS"}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root / "autograded" / "alice" / "lab"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return make_course(tmp_path_factory.mktemp("course"))


@pytest.fixture(scope="module")
def kernel(course):
    if shutil.which("bwrap") is None:
        pytest.skip("bubblewrap is not installed (apt-get install bubblewrap)")
    k = Kernel(course)
    yield k
    k.shutdown()


def test_the_kernel_never_runs_as_root(kernel):
    assert kernel.value("os.getuid()") == (65534 if AS_ROOT else os.getuid())
    assert kernel.value("attempt(lambda: open('/etc/shadow').read())") in ("EACCES", "ENOENT")


def test_course_secrets_other_students_and_hidden_tests_are_not_there(kernel, course):
    root = course.parents[2]
    hidden = [root / "gradebook.db", root / "solutions/lab/secret.txt", root / "autograded/bob",
              root / "submitted/bob", REPO / "solutions", REPO / "tests", REPO / ".git",
              course / "lab.ipynb", Path(jupyter_runtime_dir())]
    for path in hidden:
        assert kernel.value(f"attempt(lambda: os.stat({str(path)!r}))") == "ENOENT", path


def test_course_packages_python_and_the_sandbox_root_are_read_only(kernel):
    for path in (REPO / "autograder" / "evil.py", REPO / "tfdl" / "datasets" / "files" / "x.csv",
                 Path(SITE_PACKAGES) / "evil.pth", Path("/evil"), Path("/dev/evil")):
        assert kernel.value(f"attempt(lambda: open({str(path)!r}, 'w'))") == "EROFS", path


def test_writes_land_in_a_throwaway_copy(kernel, course):
    kernel.run("open('notes.txt', 'w').write('changed'); open('new.txt', 'w').write('new')\n"
               "open(os.path.expanduser('~/x'), 'w').write('x'); open('/tmp/x', 'w').write('x')")
    assert kernel.value("open('notes.txt').read()") == "changed"
    assert (course / "notes.txt").read_text() == "original"
    assert not (course / "new.txt").exists()
    assert (Path(kernel.scratch) / "work" / "new.txt").exists()


def test_no_network(kernel):
    with socket.socket() as server:  # a port on the grader's 127.0.0.1 the kernel must not reach
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        connect = f"attempt(lambda: socket.create_connection(('127.0.0.1', {port}), 2))"
        assert kernel.value(connect) == "ECONNREFUSED"
    connect = "attempt(lambda: socket.create_connection(('1.1.1.1', 53), 2))"
    assert kernel.value(connect) == "ENETUNREACH"


def test_resource_limits_are_set(kernel):
    km = kernel.km
    limits = {"AS": km.memory_limit, "CPU": km.cpu_limit, "NPROC": km.process_limit,
              "FSIZE": km.file_size_limit, "NOFILE": km.open_files_limit}
    for name, value in limits.items():
        assert kernel.value(f"resource.getrlimit(resource.RLIMIT_{name})") == (value, value), name


def test_a_huge_allocation_raises_memory_error(kernel):
    assert kernel.value("attempt(lambda: bytearray(8 * 2**30))") == "MemoryError"
    assert kernel.value("1 + 1") == 2


def test_a_fork_loop_hits_the_process_limit(kernel):
    out, error = kernel.run(textwrap.dedent("""
        children = []
        try:
            for _ in range(5000):
                pid = os.fork()
                if pid == 0:
                    time.sleep(10)
                    os._exit(0)
                children.append(pid)
        except OSError as e:
            print(len(children), errno.errorcode[e.errno])
        for pid in children:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        """))
    forked, why = out.split()
    assert why == "EAGAIN" and 0 < int(forked) < kernel.km.process_limit, out


def test_a_huge_file_hits_the_file_size_limit(kernel):
    chunks = kernel.km.file_size_limit // 2**20 + 1
    code = f"""
def write():
    with open('big.bin', 'wb') as f:
        for _ in range({chunks}):
            f.write(bytes(2**20))
print(repr(attempt(write))); os.remove('big.bin')"""
    out, error = kernel.run(code)
    assert error is None and out.strip() == "'EFBIG'", (out, error)


def test_torch_tfdl_and_a_lab_setup_cell_work(kernel):
    nb = nbformat.read(REPO / "labs" / LAB / f"{LAB}.ipynb", as_version=4)
    setup = next(cell.source for cell in nb.cells if cell.cell_type == "code")
    out, error = kernel.run(setup)
    assert error is None and "training rows" in out, (out, error)
    assert kernel.value("torch.ones(3).sum().item()") == 3.0


def test_an_interrupt_stops_the_cell_and_the_kernel_lives_on(kernel):
    start = time.monotonic()
    _, error = kernel.run("import time; time.sleep(30)", interrupt_after=2)
    assert error == "KeyboardInterrupt" and time.monotonic() - start < 20
    assert kernel.value("'still here'") == "still here"


def host_processes(marker: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker in Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode():
                found.append(int(pid))
        except OSError:
            pass
    return found


@needs_bwrap
def test_processes_and_files_go_with_the_kernel(course):
    k = Kernel(course)
    marker = f"{time.time_ns() % 10**6 + 10**6}"  # sleep's argument: unique on this machine
    ran = k.run(f"subprocess.Popen(['sleep', '{marker}1'])\n"
                f"subprocess.run(['sh', '-c', '(setsid sleep {marker}2 &) ; exit 0'])")  # a daemon
    # Generous deadlines: beside a tamper batch's fork loop, a new process can wait seconds for
    # a core. What is tested is that the processes go, not how fast they start.
    deadline = time.monotonic() + 30
    while len(host_processes(f"sleep {marker}")) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(host_processes(f"sleep {marker}")) == 2, ran
    socket_dir = k.km._socket_dir
    k.shutdown()
    deadline = time.monotonic() + 30
    while host_processes(f"sleep {marker}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert host_processes(f"sleep {marker}") == []
    assert not os.path.exists(k.scratch) and not os.path.exists(socket_dir)


def test_without_bwrap_grading_refuses_to_start(course, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    km = SandboxedKernelManager(kernel_name="python3")
    with pytest.raises(RuntimeError, match=re.escape(MISSING_BWRAP)):
        asyncio.run(km.start_kernel(cwd=str(course)))
    asyncio.run(km.cleanup_resources())


def test_a_bwrap_that_cannot_sandbox_says_why(course, tmp_path, monkeypatch):
    fake = tmp_path / "bwrap"  # as on Ubuntu 24.04, where AppArmor denies user namespaces
    fake.write_text("#!/bin/sh\necho 'bwrap: setting up uid map: Permission denied' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:{os.environ['PATH']}")
    monkeypatch.setattr(SandboxedKernelManager, "_sandbox_works", False)
    km = SandboxedKernelManager(kernel_name="python3")
    with pytest.raises(RuntimeError, match="cannot make the grading sandbox here .*uid map"):
        asyncio.run(km.start_kernel(cwd=str(course)))
    asyncio.run(km.cleanup_resources())
    assert not os.path.exists(km._socket_dir)


def test_without_bwrap_self_learners_get_one_warning_and_limits(course, tmp_path, monkeypatch,
                                                                 caplog):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(SandboxedKernelManager, "_warned_unsandboxed", False)
    with caplog.at_level(logging.WARNING):
        for _ in range(2):
            k = Kernel(course, required=False, log=logging.getLogger("test_sandbox"))
            assert k.value("resource.getrlimit(resource.RLIMIT_AS)")[0] == k.km.memory_limit
            k.shutdown()
    assert [r.getMessage() for r in caplog.records].count(UNSANDBOXED) == 1


# Run by a normal user: grade one submission in the sandbox, print what the kernel saw.
AS_USER = """
import asyncio, json, sys
from autograder.sandbox import SandboxedKernelManager

CODE = '''
import json, os, resource, socket
def fails(action):
    try:
        action()
        return False
    except OSError:
        return True
open('notes.txt', 'w').write('changed')
print(json.dumps({"uid": os.getuid(), "solutions": fails(lambda: os.listdir(%(solutions)r)),
                  "network": fails(lambda: socket.create_connection(('1.1.1.1', 53), 2)),
                  "site_packages": fails(lambda: open(%(pth)r, 'w')),
                  "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0]}))
'''

async def main(cwd):
    km = SandboxedKernelManager(kernel_name="python3")
    await km.start_kernel(cwd=cwd)
    kc = km.client()
    kc.start_channels()
    await kc.wait_for_ready(timeout=60)
    out = []
    hook = lambda msg: msg["msg_type"] == "stream" and out.append(msg["content"]["text"])
    await kc.execute_interactive(CODE, output_hook=hook, timeout=60)
    kc.stop_channels()
    await km.shutdown_kernel()
    print("".join(out))

asyncio.run(main(sys.argv[1]))
"""


def run_as(user: pwd.struct_passwd, argv: list[str], home: str) -> subprocess.CompletedProcess:
    """Run argv as ``user``. Folders only root may enter (pyenv's Python under /root) are
    swapped, in a private mount namespace, for open ones holding just what the user needs."""
    needed = sorted({os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, REPO)})
    blocked = {}  # path the user needs: the outermost folder on its way they cannot enter
    for path in needed:
        closed = [p for p in reversed(Path(path).parents) if not os.stat(p).st_mode & 0o001]
        if closed:
            blocked[path] = str(closed[0])
    script = ["set -e", "stage=$(mktemp -d)"]
    staged = list(enumerate(blocked))
    script += [f'mkdir "$stage/{i}"; mount --bind {path} "$stage/{i}"' for i, path in staged]
    script += [f"mount -t tmpfs -o mode=0755 tmpfs {top}" for top in set(blocked.values())]
    script += [f'mkdir -p {path}; mount --bind "$stage/{i}" {path}' for i, path in staged]
    script.append(f'exec setpriv --reuid={user.pw_uid} --regid={user.pw_gid} --init-groups '
                  f'env -i PATH={os.environ["PATH"]} HOME={home} "$@"')
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "--",
                           "sh", "-c", "\n".join(script), "sh", *argv],
                          capture_output=True, text=True, timeout=120)


@needs_bwrap
def test_a_normal_user_gets_the_same_sandbox():
    if not AS_ROOT:
        pytest.skip("the tests already run as a normal user")
    user = next((pwd.getpwnam(n) for n in NORMAL_USERS if n in {p.pw_name for p in pwd.getpwall()}),
                None)
    if user is None:
        pytest.skip(f"no normal user to grade as (one of {', '.join(NORMAL_USERS)})")
    home = tempfile.mkdtemp(prefix="tfdl-sandbox-test-")
    try:
        submission = make_course(Path(home) / "course")
        (Path(home) / "grade.py").write_text(AS_USER % {
            "solutions": str(REPO / "solutions"), "pth": os.path.join(SITE_PACKAGES, "evil.pth")})
        subprocess.run(["chown", "-R", f"{user.pw_uid}:{user.pw_gid}", home], check=True)
        result = run_as(user, [sys.executable, f"{home}/grade.py", str(submission)], home)
        assert result.returncode == 0, result.stderr[-3000:]
        seen = json.loads(result.stdout.strip().splitlines()[-1])
        assert seen == {"uid": user.pw_uid, "solutions": True, "network": True,
                        "site_packages": True, "nproc": DEFAULT_PROCESS_LIMIT}
        assert (submission / "notes.txt").read_text() == "original"
    finally:
        shutil.rmtree(home, ignore_errors=True)
