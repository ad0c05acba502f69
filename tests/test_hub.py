"""INSTRUCTORS.md, section 8: the course on JupyterHub, end to end, over HTTP only.

A JupyterHub on 127.0.0.1 runs ``autograder/jupyterhub_config.py`` with test-only overrides
(ports, the proxy's path, the Unix group, the exchange settings' folder, an admin service
token). Two students
and an instructor are real local users, created for the test and removed after it, with
passwords. In order:

* the admin service adds the three users to the hub (as the admin panel would: the REST login
  below needs users the hub knows); each logs in with their Unix password through the hub's
  REST API (PAM) and gets a token; a wrong password and a user outside the course's group are
  refused;
* each user's server starts through the hub API; from here on every step goes through the
  proxy to that user's own server, with that user's token;
* the instructor's formgrader generates and releases the lab (``/formgrader/api/.../assign``,
  ``.../release``);
* each student lists and fetches it (nbgrader's ``/assignments`` endpoints), writes their work
  through the Jupyter contents API (the first the reference solution, the second part 1 only;
  both without the lab's ungraded experiments) and submits;
* the formgrader collects and autogrades each submission (in the bubblewrap sandbox, as the
  instructor) and lists the scores;
* the servers stop through the hub API, the hub shuts down through it, and no process of the
  test's users, nor the proxy, is left.

It needs root (useradd), PAM, JupyterHub, configurable-http-proxy (``./course test`` installs it)
and bubblewrap: without them it skips, saying which is missing, and in CI it fails instead.
Where the environment's Python lies in a folder other users cannot enter (pyenv under /root),
the hub runs in a private mount namespace that opens only the way to it (``with_ways_opened``).
"""
import json
import os
import pwd
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from autograder import harness

from course_copy import copy_working_tree, free_port

REPO = Path(__file__).resolve().parent.parent
VENV = Path(sys.prefix)
HUB_CONFIG = REPO / "autograder" / "jupyterhub_config.py"
LAB = "fairness_certification"  # the cheapest lab to autograde
NB = f"{LAB}.ipynb"
COURSE_ID = "tfdl"
# Not ~/tfdl: formgrader puts the home folder first on the server's sys.path, where a folder
# named tfdl would stand in for the course's tfdl package (INSTRUCTORS.md, section 8).
COURSE_FOLDER = "tfdl-course"
PART_DONE = "interval_bounds"  # the second student's only finished part
pytestmark = pytest.mark.slow


def proxy_command() -> str | None:
    local = VENV / "bin" / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def missing_prerequisite() -> str | None:
    """One sentence naming what this machine lacks for the test, or None."""
    if os.geteuid() != 0:
        return "the hub test runs as root (it creates local users and the hub spawns as them)"
    for tool in ("useradd", "userdel", "groupadd", "groupdel", "chpasswd", "bwrap", "node"):
        if not shutil.which(tool):
            return f"`{tool}` is not installed (or not on PATH)"
    try:
        ways = closed_ways()
    except ValueError as e:
        return str(e)
    if ways and not shutil.which("unshare"):
        return (f"the course environment lies in {', '.join(map(str, ways))}, which other users "
                "cannot enter, and `unshare` (util-linux) is not installed to open it for the test")
    if not (VENV / "bin" / "jupyterhub-singleuser").exists():
        return f"JupyterHub is not installed in {VENV} (run ./course setup)"
    if not proxy_command():
        return ("configurable-http-proxy is not installed (./course test installs it with npm: "
                f"npm install --global --prefix {VENV} configurable-http-proxy@5.3.0)")
    if not Path("/etc/pam.d/login").exists():
        return "PAM has no `login` service (/etc/pam.d/login), which JupyterHub's PAM login uses"
    return None


def closed_ways() -> dict[Path, set[Path]]:
    """Folders other users cannot enter (a pyenv, or a clone, under /root, say) on the way to
    what their servers run (the environment's Python, the environment, the course's packages),
    each with its subfolders on that way. Raises ValueError where one way crosses two."""
    ways: dict[Path, set[Path]] = {}
    for target in (Path(os.path.realpath(sys.executable)), VENV.resolve(), REPO):
        closed = [p for p in reversed(target.parents) if not p.stat().st_mode & 0o001]
        if len(closed) > 1:
            raise ValueError(f"{target} lies in {closed[0]} and {closed[1]}, which other users "
                             "cannot enter")
        if closed:
            inner = closed[0] / target.relative_to(closed[0]).parts[0]
            ways.setdefault(closed[0], set()).add(inner)
    return ways


def with_ways_opened(cmd: list[str], scratch: Path) -> list[str]:
    """``cmd``, run where every user can reach the course environment. Where the way is closed
    (this machine's pyenv under /root), the hub and every server it starts run in a private
    mount namespace in which only that way is opened: an empty tmpfs over each closed folder,
    with the subfolders on the way bound back into it. A real deployment installs Python and the
    course where everyone can read them instead (INSTRUCTORS.md, section 8)."""
    ways = closed_ways()
    if not ways:
        return cmd
    stash, lines = scratch / "ways", ["set -e"]
    stash.mkdir()
    inners = sorted(inner for group in ways.values() for inner in group)
    keeps = [stash / str(i) for i in range(len(inners))]  # the real subfolders, while hidden
    for inner, keep in zip(inners, keeps):
        keep.mkdir()
        lines.append(f"mount --bind {shlex.quote(str(inner))} {shlex.quote(str(keep))}")
    for closed in ways:
        lines.append(f"mount -t tmpfs -o mode=755 tmpfs {shlex.quote(str(closed))}")
    for inner, keep in zip(inners, keeps):
        lines += [f"mkdir {shlex.quote(str(inner))}",
                  f"mount --bind {shlex.quote(str(keep))} {shlex.quote(str(inner))}"]
    lines.append('exec "$@"')
    return ["unshare", "--mount", "--propagation", "private", "--", "sh", "-c", "; ".join(lines),
            "sh", *cmd]


def require_prerequisites():
    reason = missing_prerequisite()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI the hub test must run")
    pytest.skip(reason)


def run(*cmd: str, **kw):
    return subprocess.run(cmd, check=True, capture_output=True, text=True, **kw)


# -- local users ---------------------------------------------------------------------------------
class LocalUsers:
    """Unix users and a group made for this test only (unique names), removed by ``remove``."""

    def __init__(self, homes: Path):
        self.homes = homes
        self.tag = secrets.token_hex(3)
        self.group = f"tfdlhub{self.tag}"
        self.passwords: dict[str, str] = {}
        run("groupadd", self.group)

    def add(self, role: str, in_group: bool = True) -> str:
        name = f"th{self.tag}{role}"
        self.passwords[name] = secrets.token_urlsafe(12)  # before useradd: remove() covers it
        groups = ["-G", self.group] if in_group else []
        run("useradd", "-m", "-d", str(self.homes / name), "-s", "/bin/bash", *groups, name)
        run("chpasswd", input=f"{name}:{self.passwords[name]}\n")
        return name

    def uid(self, name: str) -> int:
        return pwd.getpwnam(name).pw_uid

    def processes(self) -> list[int]:
        """Pids of the processes that run as one of these users."""
        uids, pids = set(), []
        for name in self.passwords:
            try:
                uids.add(self.uid(name))
            except KeyError:  # useradd failed
                pass
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                uid_line = next(l for l in status.read_text().splitlines() if l.startswith("Uid:"))
            except (OSError, StopIteration):
                continue
            if int(uid_line.split()[1]) in uids:
                pids.append(int(status.parent.name))
        return pids

    def remove(self):
        deadline = time.monotonic() + 10
        while (left := self.processes()) and time.monotonic() < deadline:
            for pid in left:
                signal_pid(pid, signal.SIGKILL)
            time.sleep(0.2)
        for name in self.passwords:
            subprocess.run(["userdel", name], capture_output=True)
        subprocess.run(["groupdel", self.group], capture_output=True)


def signal_pid(pid: int, sig: int) -> bool:
    """Send ``sig`` to ``pid``; False if it is gone."""
    try:
        os.kill(pid, sig)
        return True
    except ProcessLookupError:
        return False


def is_proxy(pid: int) -> bool:
    """Whether ``pid`` is (still) a configurable-http-proxy."""
    try:
        return b"configurable-http-proxy" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def in_parallel(function, items) -> list:
    with ThreadPoolExecutor(max_workers=len(items)) as pool:
        return list(pool.map(function, items))


# -- the hub -------------------------------------------------------------------------------------
class HubError(AssertionError):
    pass


class Hub:
    """A JupyterHub process on free local ports, and HTTP calls to it and through its proxy."""

    def __init__(self, root: Path, group: str, exchange_config_dir: Path):
        self.state = root / "hub"
        self.state.mkdir(mode=0o700)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.service_token = secrets.token_hex(32)
        self.config = self.state / "jupyterhub_config.py"
        self.config.write_text(self.test_config(group, exchange_config_dir))
        self.log_path = self.state / "hub.log"
        self.proc: subprocess.Popen | None = None

    def test_config(self, group: str, exchange_config_dir: Path) -> str:
        """The course's template, then what only the test changes."""
        return f"""\
c = get_config()
load_subconfig({str(HUB_CONFIG)!r})
c.JupyterHub.bind_url = "http://127.0.0.1:{self.port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{proxy_command()!r}]
c.LocalAuthenticator.allowed_groups = {{{group!r}}}
c.Spawner.environment["JUPYTER_CONFIG_PATH"] = {str(exchange_config_dir)!r}
c.JupyterHub.services = [{{"name": "tfdl-hub-test", "api_token": {self.service_token!r}}}]
c.JupyterHub.load_roles = [{{"name": "tfdl-hub-test", "services": ["tfdl-hub-test"],
                            "scopes": ["admin:users", "admin:servers", "shutdown"]}}]
"""

    def start(self):
        env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
        cmd = [str(VENV / "bin" / "jupyterhub"), "-f", str(self.config)]
        with open(self.log_path, "w") as log:
            self.proc = subprocess.Popen(with_ways_opened(cmd, self.state), cwd=self.state,
                                         env=env, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        self.wait_for(lambda: self.call("GET", "/hub/api/", check=False)[0] == 200, 60,
                      "JupyterHub did not answer on its API")

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return "(no hub log)"

    def fail(self, sentence: str):
        raise HubError(f"{sentence}\n--- hub log, last lines ---\n{self.log_tail()}")

    def wait_for(self, condition, seconds: float, sentence: str):
        deadline = time.monotonic() + seconds
        while not condition():
            if self.proc is not None and self.proc.poll() is not None:
                self.fail(f"{sentence}: the hub exited with code {self.proc.returncode}")
            if time.monotonic() > deadline:
                self.fail(f"{sentence} within {seconds} s")
            time.sleep(0.3)

    def call(self, method: str, path: str, token: str | None = None, body=None,
             check: bool = True, timeout: float = 60):
        """(status, parsed JSON or text) of one request; ``check``: fail unless 2xx."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        if token:
            request.add_header("Authorization", f"token {token}")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode(errors="replace")
        except OSError as e:
            if check:
                self.fail(f"{method} {path} got no answer ({e})")
            return 0, str(e)
        try:
            payload = json.loads(text) if text else None
        except json.JSONDecodeError:
            payload = text
        if check and not 200 <= status < 300:
            self.fail(f"{method} {path} answered {status}: {text[:500]}")
        return status, payload

    def admin(self, method: str, path: str, body=None, **kw):
        return self.call(method, f"/hub/api{path}", self.service_token, body, **kw)

    def login(self, name: str, password: str) -> int | str:
        """A token from the hub's REST API for a username and password, or the refusal's status."""
        status, reply = self.call("POST", f"/hub/api/users/{name}/tokens",
                                  body={"auth": {"username": name, "password": password},
                                        "note": "tfdl hub test"}, check=False)
        return reply["token"] if status in (200, 201) else status

    def server(self, name: str) -> dict | None:
        """The hub's model of a user's default server; None when it has none."""
        return self.admin("GET", f"/users/{name}")[1].get("servers", {}).get("")

    def proxy_pid(self) -> int | None:
        """The proxy's pid from the hub's pid file, while that process is the proxy."""
        try:
            pid = int((self.state / "jupyterhub-proxy.pid").read_text().strip())
        except (OSError, ValueError):
            return None
        return pid if is_proxy(pid) else None

    def stop(self):
        """After the test, whatever happened: the hub, then its proxy, if still running."""
        proxy_pid = self.proxy_pid()
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        if proxy_pid and is_proxy(proxy_pid):
            signal_pid(proxy_pid, signal.SIGKILL)


class UserServer:
    """One user's single-user server, reached through the hub's proxy with the user's token."""

    def __init__(self, hub: Hub, name: str, token: str):
        self.hub, self.name, self.token = hub, name, token

    def call(self, method: str, path: str, body=None, **kw):
        return self.hub.call(method, f"/user/{self.name}{path}", self.token, body, **kw)

    def formgrader(self, action: str, path: str, timeout: float = 60) -> dict:
        """POST a formgrader action; fail with its log unless it succeeded."""
        _, reply = self.call("POST", f"/formgrader/api/{path}", timeout=timeout)
        if not reply.get("success"):
            self.hub.fail(f"formgrader's {action} failed:\n{reply.get('error') or ''}\n"
                          f"{reply.get('log') or ''}")
        return reply

    def assignments(self) -> list[str]:
        """The statuses nbgrader's assignment list shows this user for the lab."""
        _, reply = self.call("GET", f"/assignments?course_id={COURSE_ID}")
        if not reply.get("success"):
            self.hub.fail(f"{self.name}'s assignment list failed: {reply.get('value')}")
        return [a["status"] for a in reply["value"] if a["assignment_id"] == LAB]

    def assignment_action(self, action: str):
        _, reply = self.call("POST", f"/assignments/{action}",
                             {"course_id": COURSE_ID, "assignment_id": LAB})
        if not reply.get("success"):
            self.hub.fail(f"{self.name}'s {action} of {LAB} failed: {reply.get('value')}")

    def landing_path(self) -> str:
        """Where the user's server sends a browser that opens it (Spawner.default_url)."""
        request = urllib.request.Request(f"{self.hub.url}/user/{self.name}/",
                                         headers={"Authorization": f"token {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return urllib.parse.urlparse(response.url).path
        except OSError as e:
            self.hub.fail(f"opening {self.name}'s server did not land on a page ({e})")

    def read_notebook(self, path: str) -> nbformat.NotebookNode:
        _, model = self.call("GET", f"/api/contents/{path}?content=1")
        return nbformat.from_dict(model["content"])

    def write_notebook(self, path: str, nb: nbformat.NotebookNode):
        self.call("PUT", f"/api/contents/{path}",
                  {"type": "notebook", "format": "json", "content": nb})


# -- the flow ------------------------------------------------------------------------------------
def part_points(part: str) -> float:
    """Points of the test cells that check one answer cell (``test_<part>``, ``..._hidden``)."""
    nb = nbformat.read(REPO / "solutions" / LAB / NB, as_version=4)
    return sum(c.metadata.nbgrader.get("points", 0) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade")
               and c.metadata.nbgrader.grade_id in (f"test_{part}", f"test_{part}_hidden"))


def prepare_instructor(home: Path, name: str):
    """The instructor's course folder in their home (a clone, in INSTRUCTORS.md section 8) and
    the ~/.jupyter/nbgrader_config.py that points formgrader at it."""
    course = home / COURSE_FOLDER
    course.mkdir()
    copy_working_tree(course)
    jupyter = home / ".jupyter"
    jupyter.mkdir()
    (jupyter / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"load_subconfig({str(course / 'nbgrader_config.py')!r})\n"
        f"c.CourseDirectory.root = {str(course)!r}\n")
    run("chown", "-R", f"{name}:", str(course), str(jupyter))


def exchange_settings(root: Path) -> Path:
    """An exchange folder (1777) and a folder holding the course's exchange settings as
    nbgrader_config.py, as INSTRUCTORS.md section 2 installs them, at throw-away paths; the
    latter is returned."""
    exchange = root / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)
    etc = root / "etc" / "jupyter"
    etc.mkdir(parents=True)
    text = (REPO / "autograder" / "exchange_config.py").read_text()
    line = 'c.Exchange.root = "/usr/local/share/nbgrader/exchange"'
    assert line in text, "autograder/exchange_config.py sets c.Exchange.root on one line"
    (etc / "nbgrader_config.py").write_text(text.replace(line, f"c.Exchange.root = {str(exchange)!r}"))
    return etc


def start_servers(hub: Hub, tokens: dict[str, str]) -> dict[str, UserServer]:
    """Each user starts their own server through the hub API (side by side: each POST waits for
    its spawn up to 10 s)."""
    def start(name):
        status, _ = hub.call("POST", f"/hub/api/users/{name}/server", tokens[name])
        if status not in (201, 202):
            hub.fail(f"starting {name}'s server answered {status}")
    in_parallel(start, list(tokens))
    return {name: UserServer(hub, name, token) for name, token in tokens.items()}


def wait_until_ready(hub: Hub, servers: dict[str, UserServer]):
    for name, server in servers.items():
        hub.wait_for(lambda: (hub.server(name) or {}).get("ready"), 120,
                     f"{name}'s server did not start")
        status, _ = server.call("GET", "/api/status", check=False)
        if status != 200:
            hub.fail(f"{name}'s server is ready in the hub but answers {status} through the proxy")


def student_works(server: UserServer, answers: dict[str, str], edits: Path) -> dict:
    """List, fetch, write the answers through the contents API, submit; what the lists said."""
    seen = {"before": server.assignments()}
    server.assignment_action("fetch")
    seen["fetched"] = server.assignments()
    path = f"{LAB}/{NB}"
    local = edits / f"{server.name}.ipynb"  # harness.fill reads a file
    nbformat.write(server.read_notebook(path), local)
    # Without the lab's ungraded experiments, as in the bank tests: they take most of autograde's
    # time and prove nothing about the hub.
    server.write_notebook(path, harness.fill(local, answers, demos=False))
    server.assignment_action("submit")
    seen["submitted"] = server.assignments()
    return seen


def shut_down(hub: Hub, names: list[str], users: LocalUsers) -> dict:
    """Stop each server, then the hub, through the hub API; what was left running."""
    out = {"proxy_pid": hub.proxy_pid()}
    out["stopped"] = in_parallel(lambda n: hub.admin("DELETE", f"/users/{n}/server")[0], names)
    for name in names:
        hub.wait_for(lambda: hub.server(name) is None, 60, f"{name}'s server did not stop")
    out["shutdown"] = hub.admin("POST", "/shutdown", {"servers": True, "proxy": True})[0]
    try:
        out["hub_exit"] = hub.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        hub.fail("the hub did not exit within 60 s of POST /hub/api/shutdown")
    deadline = time.monotonic() + 10  # the hub stops the proxy with SIGTERM
    while out["proxy_pid"] and is_proxy(out["proxy_pid"]) and time.monotonic() < deadline:
        time.sleep(0.2)
    out["proxy_alive"] = bool(out["proxy_pid"]) and is_proxy(out["proxy_pid"])
    out["user_processes"] = users.processes()
    return out


def log_in_and_start(hub: Hub, users: LocalUsers, course_users: list[str], outsider: str):
    """Each course user logs in with their Unix password through the hub's REST API (PAM) and
    starts their server; a wrong password and a user outside the group are refused meanwhile.
    The REST login needs users the hub knows: the admin service adds them, as the admin panel
    would."""
    hub.admin("POST", "/users", {"usernames": [*course_users, outsider]})
    tokens = {n: hub.login(n, users.passwords[n]) for n in course_users}
    if not all(isinstance(t, str) for t in tokens.values()):
        hub.fail(f"a course user's login through the hub API was refused: {tokens}")
    someone = course_users[0]
    with ThreadPoolExecutor(max_workers=1) as pool:  # a refusal waits out PAM's fail delay
        starting = pool.submit(start_servers, hub, tokens)
        refused = {"wrong password": hub.login(someone, "not-" + users.passwords[someone]),
                   "outside the group": hub.login(outsider, users.passwords[outsider])}
        servers = starting.result()
    wait_until_ready(hub, servers)
    return servers, refused


def grade(instructor: UserServer, students: list[str]) -> dict:
    """Formgrader collects, autogrades each student, and lists the scores."""
    instructor.formgrader("collect", f"assignment/{LAB}/collect")
    start = time.monotonic()
    logs = {s: instructor.formgrader(f"autograde of {s}", f"submission/{LAB}/{s}/autograde",
                                     timeout=600)["log"]
            for s in students}
    seconds = time.monotonic() - start
    _, submissions = instructor.call("GET", f"/formgrader/api/submissions/{LAB}")
    return {"autograde_logs": logs, "autograde_s": seconds,
            "scores": {s["student"]: (s["score"], s["max_score"]) for s in submissions}}


@pytest.fixture(scope="module")
def flow():
    require_prerequisites()
    start = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="tfdl-hub-"))
    root.chmod(0o755)  # users reach their homes under it
    homes, edits = root / "home", root / "edits"
    homes.mkdir(mode=0o755)
    edits.mkdir()
    users = hub = None
    try:
        users = LocalUsers(homes)
        alice, bob, teacher = users.add("a"), users.add("b"), users.add("i")
        outsider = users.add("x", in_group=False)
        out = {"names": {"alice": alice, "bob": bob},
               "uids": {alice: users.uid(alice), bob: users.uid(bob)}}
        prepare_instructor(homes / teacher, teacher)
        hub = Hub(root, users.group, exchange_settings(root))
        hub.start()
        out["hub_up_s"] = time.monotonic() - start
        servers, out["refused"] = log_in_and_start(hub, users, [alice, bob, teacher], outsider)
        out["ready_s"] = time.monotonic() - start
        out["landing"] = servers[alice].landing_path()

        instructor = servers[teacher]
        instructor.formgrader("generate", f"assignment/{LAB}/assign")
        instructor.formgrader("release", f"assignment/{LAB}/release")
        reference = harness.solution_sources(LAB)
        out["alice"] = student_works(servers[alice], reference, edits)
        out["bob"] = student_works(servers[bob], {PART_DONE: reference[PART_DONE]}, edits)
        out["fetched"] = {n: sorted(p.name for p in (homes / n / LAB).iterdir())
                          for n in (alice, bob)}
        out["owners"] = {n: (homes / n / LAB / NB).stat().st_uid for n in (alice, bob)}

        out.update(grade(instructor, [alice, bob]))
        out["shutdown"] = shut_down(hub, [alice, bob, teacher], users)
        out["seconds"] = time.monotonic() - start
        yield out
    finally:
        if hub is not None:
            hub.stop()
        if users is not None:
            users.remove()
        shutil.rmtree(root, ignore_errors=True)


def test_users_log_in_with_their_unix_passwords_and_only_the_course_group(flow):
    assert flow["refused"] == {"wrong password": 403, "outside the group": 403}


def test_servers_open_jupyterlab(flow):
    assert flow["landing"] == f"/user/{flow['names']['alice']}/lab"


def test_formgrader_releases_and_students_fetch_and_submit_through_their_servers(flow):
    for student in ("alice", "bob"):
        seen = flow[student]
        assert seen["before"] == ["released"], f"{student} saw {seen['before']} before fetching"
        assert "fetched" in seen["fetched"], f"{student} saw {seen['fetched']} after fetching"
        assert "submitted" in seen["submitted"], f"{student} saw {seen['submitted']} after submit"


def test_students_work_as_themselves_in_their_homes(flow):
    for student, name in flow["names"].items():
        assert NB in flow["fetched"][name], f"{student}'s home lacks {LAB}/{NB}"
        assert flow["owners"][name] == flow["uids"][name], f"{student}'s notebook is not theirs"


def test_formgrader_collects_and_autogrades_full_and_partial_marks(flow):
    names, scores, logs = flow["names"], flow["scores"], flow["autograde_logs"]
    alice_score, full = scores[names["alice"]]
    bob_score, _ = scores[names["bob"]]
    assert full == 15.0
    assert alice_score == full, logs[names["alice"]][-3000:]
    assert bob_score == part_points(PART_DONE), logs[names["bob"]][-3000:]
    print(f"\nhub flow: {flow['seconds']:.0f} s (hub up at {flow['hub_up_s']:.0f} s, servers "
          f"ready at {flow['ready_s']:.0f} s, two autogrades {flow['autograde_s']:.0f} s)")


def test_servers_and_hub_stop_through_the_api_and_leave_no_process(flow):
    down = flow["shutdown"]
    assert set(down["stopped"]) <= {202, 204} and down["shutdown"] == 202, down
    assert down["hub_exit"] == 0, down
    assert down["proxy_pid"] and not down["proxy_alive"], "the proxy outlived the hub"
    assert down["user_processes"] == [], "processes of the test's users outlived their servers"
