"""Grading kernels in a bubblewrap sandbox (trusted grading).

:class:`SandboxedKernelManager` starts each ``nbgrader autograde`` kernel inside ``bwrap``:

* its working folder (``autograded/<student>/<lab>/``) is a throw-away copy, bound at the same
  path, without notebooks (the one being graded holds the hidden tests); HOME and /tmp are
  throw-away too, and all of it is deleted with the kernel;
* it sees only system folders, the Python environment and the course packages ``tfdl`` and
  ``autograder``, read-only: not the gradebook, ``solutions/``, other submissions, the rest of
  the repository or the Jupyter runtime folder;
* no network, its own PID namespace (whatever it spawns dies with it), no terminal, and limits
  on memory, CPU time, processes, file size and open files (``prlimit``, set inside the
  sandbox's user namespace so that processes are counted per sandbox);
* interrupts go by message (``interrupt_request``): a SIGINT to the process group would kill
  bwrap, and the kernel is in a session of its own anyway;
* as root it runs as ``nobody``: bwrap mounts as root (the course may live under /root, which
  nobody cannot enter), then ``setpriv`` drops to nobody before anything of the student's runs.
  A root-mapped user namespace would still read root's files through the binds.
"""
import contextlib
import functools
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from traitlets import Bool, Integer, List, Unicode

from .preprocessors import PrivateKernelManager

MISSING_BWRAP = (
    "Trusted grading runs each submission in a bubblewrap sandbox, but `bwrap` is not installed: "
    "install it (Debian/Ubuntu: apt-get install bubblewrap; Fedora: dnf install bubblewrap), or, "
    "to grade only your own work, set SandboxedKernelManager.required = False.")
UNSANDBOXED = ("bwrap is not installed: grading kernels run WITHOUT the sandbox (only resource "
               "limits). Fine for your own work; install bubblewrap to grade anyone else's.")

SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
COURSE_PACKAGES = ("tfdl", "autograder")
SANDBOX_HOME = "/home/student"
# Environment variables the kernel keeps (and its kernelspec's): never the grader's tokens.
ENV_KEEP = ("PATH", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "TERM", "OMP_NUM_THREADS",
            "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "PYTHONHASHSEED", "MPLBACKEND",
            "PYDEVD_DISABLE_FILE_VALIDATION")


class SandboxedKernelManager(PrivateKernelManager):
    """A PrivateKernelManager whose kernels run in a bubblewrap sandbox (see the module doc)."""

    required = Bool(True, help="Refuse to start a kernel without bwrap. If False, warn once and "
                    "run kernels unsandboxed, with resource limits only.").tag(config=True)
    memory_limit = Integer(4 * 2**30, help="Address space per kernel process, bytes"
                           ).tag(config=True)
    cpu_limit = Integer(600, help="CPU seconds per kernel process").tag(config=True)
    process_limit = Integer(256, help="Processes and threads in one sandbox").tag(config=True)
    file_size_limit = Integer(256 * 2**20, help="Largest file a kernel may write, bytes"
                              ).tag(config=True)
    open_files_limit = Integer(1024, help="Open files per kernel process").tag(config=True)
    sandbox_uid = Integer(65534, help="User and group a kernel runs as when grading runs as root "
                          "(nobody)").tag(config=True)
    not_copied = List(Unicode(), ["*.ipynb", ".ipynb_checkpoints"], help="Files of the working "
                      "folder the kernel does not get: nbgrader writes the notebook being graded "
                      "there, hidden tests included").tag(config=True)

    _warned_unsandboxed = False  # once per process, not per kernel
    _sandbox_works = False  # checked once per process: a kernel that dies at once says little
    _scratch = None  # the throw-away folder of the running kernel

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        bwrap = shutil.which("bwrap")
        if bwrap is None:
            return await self._launch_unsandboxed(kernel_cmd, **kw)
        if self.transport != "ipc":
            raise RuntimeError("The grading sandbox has no network: use transport 'ipc'.")
        # Nothing in the sandbox shares a session or process group with the grader (bwrap
        # --new-session, and bwrap itself would die of a SIGINT): interrupt by message.
        self.kernel_spec.interrupt_mode = "message"
        socket_dir = os.path.dirname(self.ip)
        cwd = os.path.realpath(kw["cwd"]) if kw.get("cwd") else None
        connection = self._make_scratch(cwd, socket_dir)
        kernel_cmd = [connection if arg == self.connection_file else arg for arg in kernel_cmd]
        keep = set(ENV_KEEP) | set(self.kernel_spec.env)
        kw["env"] = {k: v for k, v in (kw.get("env") or os.environ).items() if k in keep}
        kw["cwd"] = self._scratch
        cmd = self.sandbox_command(bwrap, kernel_cmd, cwd or SANDBOX_HOME, socket_dir)
        self.log.debug("Sandboxed kernel: %s", cmd)
        if not SandboxedKernelManager._sandbox_works:
            _try_sandbox(cmd[:-len(kernel_cmd)] + ["true"], kw["env"])
            SandboxedKernelManager._sandbox_works = True
        return await super()._async_launch_kernel(cmd, **kw)

    def _make_scratch(self, cwd, socket_dir):
        """Make the throw-away folders and a copy of the connection file; return its path."""
        self._scratch = tempfile.mkdtemp(prefix="tfdl-sandbox-")
        for name in ("home", "tmp"):
            os.mkdir(os.path.join(self._scratch, name))
        if cwd:  # symlinks stay links: copying what they point to could leak it
            shutil.copytree(cwd, os.path.join(self._scratch, "work"), symlinks=True,
                            ignore=shutil.ignore_patterns(*self.not_copied))
        os.makedirs(socket_dir, mode=0o700, exist_ok=True)  # a restart removed it
        connection = os.path.join(socket_dir, "connection.json")
        shutil.copyfile(self.connection_file, connection)
        if os.getuid() == 0:
            _chown_tree(self._scratch, self.sandbox_uid)
            _chown_tree(socket_dir, self.sandbox_uid)
        return connection

    def sandbox_command(self, bwrap, kernel_cmd, cwd, socket_dir):
        """The bwrap command line that runs ``kernel_cmd`` in ``cwd``'s throw-away copy."""
        args = [bwrap, "--unshare-net", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
                "--die-with-parent", "--new-session", "--proc", "/proc", "--dev", "/dev",
                # joblib and torch need POSIX semaphores and shared memory (as big as a file).
                "--perms", "1777", *_if_known(bwrap, "--size", str(self.file_size_limit)),
                "--tmpfs", "/dev/shm",
                "--setenv", "HOME", SANDBOX_HOME, "--setenv", "TMPDIR", "/tmp",
                # The kernel's parent is PID 1 in here: ipykernel then skips watching its
                # parent (--die-with-parent does that job) and does not print a banner.
                "--setenv", "JPY_PARENT_PID", "1",
                # The kernel imports the course packages the grader imports (a course folder
                # may hold its own copy; the environment's editable install points elsewhere).
                "--setenv", "PYTHONPATH", os.pathsep.join(
                    dict.fromkeys(os.path.dirname(_package_dir(n)) for n in COURSE_PACKAGES))]
        binds = _Binds()
        for path in SYSTEM_DIRS:
            if os.path.islink(path):
                args += ["--symlink", os.readlink(path), path]
            elif os.path.isdir(path):
                binds.add("--ro-bind", path, path)
        # /tmp first: a course (or its Python) may live under /tmp, and a later mount hides it.
        binds.add("--bind", os.path.join(self._scratch, "tmp"), "/tmp")
        binds.add("--bind", os.path.join(self._scratch, "home"), SANDBOX_HOME)
        for path in _python_dirs() + [_package_dir(name) for name in COURSE_PACKAGES]:
            if not binds.covers(path):
                binds.add("--ro-bind", path, path)
        if cwd != SANDBOX_HOME:
            binds.add("--bind", os.path.join(self._scratch, "work"), cwd)
        binds.add("--bind", socket_dir, socket_dir)
        # In a user namespace the kernel could write to the tmpfs bwrap builds / and /dev on:
        # RAM that no limit counts.
        args += binds.args + ["--remount-ro", "/dev", "--remount-ro", "/", "--chdir", cwd]
        if os.getuid() == 0:
            uid = str(self.sandbox_uid)
            # A user namespace of its own makes the process limit count this sandbox only
            # (RLIMIT_NPROC counts per user and namespace, and nobody is shared).
            args += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                     "setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--",
                     "unshare", "--user"]
        else:
            args += ["--unshare-user", *_if_known(bwrap, "--disable-userns")]
        return args + ["--"] + self._prlimit() + ["--"] + kernel_cmd

    def _limits(self):
        return {"as": self.memory_limit, "cpu": self.cpu_limit, "nproc": self.process_limit,
                "fsize": self.file_size_limit, "nofile": self.open_files_limit}

    def _prlimit(self):
        return ["prlimit"] + [f"--{name}={value}" for name, value in self._limits().items()]

    async def _launch_unsandboxed(self, kernel_cmd, **kw):
        if self.required:
            raise RuntimeError(MISSING_BWRAP)
        if not SandboxedKernelManager._warned_unsandboxed:
            SandboxedKernelManager._warned_unsandboxed = True
            self.log.warning(UNSANDBOXED)
        limits = self._limits()
        del limits["nproc"]  # would count every process of this user, not just the kernel's
        if os.name == "posix":
            kw["preexec_fn"] = lambda: _set_rlimits(limits)
        return await super()._async_launch_kernel(kernel_cmd, **kw)

    def cleanup_ipc_files(self):
        super().cleanup_ipc_files()
        if self._scratch:
            _remove_tree(self._scratch)
            self._scratch = None


class _Binds:
    """bwrap bind arguments; missing parents are made 0755 (bwrap makes them 0700, which the
    unprivileged kernel could not enter)."""

    def __init__(self):
        self.args, self.made, self.read_only = [], {"/"}, []

    def add(self, kind, source, dest):
        for parent in reversed(Path(dest).parents):
            if str(parent) not in self.made:
                self.args += ["--perms", "0755", "--dir", str(parent)]
                self.made.add(str(parent))
        self.args += [kind, source, dest]
        self.made.add(dest)
        if kind == "--ro-bind":
            self.read_only.append(dest)

    def covers(self, path):
        return any(path == d or path.startswith(d.rstrip("/") + "/") for d in self.read_only)


def _python_dirs():
    """This Python's environment and base installation, outermost first."""
    dirs = {sys.prefix, sys.exec_prefix, sys.base_prefix, sys.base_exec_prefix,
            os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
    return sorted({os.path.realpath(d) for d in dirs}, key=len)


def _package_dir(name):
    # find_spec, not import: importing tfdl would import torch here.
    return os.path.realpath(importlib.util.find_spec(name).submodule_search_locations[0])


def _if_known(bwrap, option, *values):
    """[option, *values] if this bwrap has the option (Ubuntu 22.04's 0.6 lacks some)."""
    return [option, *values] if option in _bwrap_help(bwrap) else []


@functools.lru_cache
def _bwrap_help(bwrap):
    return subprocess.run([bwrap, "--help"], capture_output=True, text=True).stdout


def _try_sandbox(cmd, env):
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise RuntimeError(
            f"bwrap cannot make the grading sandbox here ({result.stderr.strip()}): it needs user "
            "namespaces (Ubuntu 23.10+: sysctl kernel.apparmor_restrict_unprivileged_userns=0; "
            "Docker: run the container with --privileged).")


def _set_rlimits(limits):
    import resource
    for name, value in limits.items():
        try:
            resource.setrlimit(getattr(resource, "RLIMIT_" + name.upper()), (value, value))
        except (AttributeError, ValueError, OSError):
            pass  # not every system has (or lowers) every limit, e.g. RLIMIT_AS on macOS


def _chown_tree(top, uid):
    os.chown(top, uid, uid)
    for folder, dirs, files in os.walk(top):
        for name in dirs + files:
            os.chown(os.path.join(folder, name), uid, uid, follow_symlinks=False)


def _remove_tree(top):
    if os.getuid() != 0:
        # A kernel may leave folders it made unreadable; their owner can open them again.
        for folder, dirs, _ in os.walk(top):
            for name in dirs:
                path = os.path.join(folder, name)
                with contextlib.suppress(OSError):
                    if not os.path.islink(path):
                        os.chmod(path, 0o700)
    shutil.rmtree(top, ignore_errors=True)
