"""Autograde a lab's collected submissions in parallel on Dask: ``./course grade LAB``.

    ./course grade LAB                         a local Dask cluster, one worker per core
    ./course grade LAB --workers 4             four local workers
    ./course grade LAB --scheduler tcp://H:8786    the workers of a running Dask scheduler
    ./course grade LAB --student alice --force     options as in `nbgrader autograde`

Each task grades one student's submission with nbgrader's own autograde, the call formgrader's
"autograde" button makes (``NbGraderAPI.autograde``), under the course's configuration: trusted
grading, the kernel in its sandbox, and one grading seed drawn here for every task. A worker
process stays up between tasks, so nbgrader, torch and the checks are imported once per worker.
Dask schedules; this module only says what one task is and reports what came back.

Every worker writes its own students' rows into the course's gradebook (nbgrader's ``db_url``).
PostgreSQL takes concurrent writers as they come. SQLite, one machine's default, would refuse a
writer that upgrades a read transaction while another writes ("database is locked"), so on a
worker every SQLite transaction starts with ``BEGIN IMMEDIATE`` and waits its turn.
"""
from __future__ import annotations

import argparse
import fnmatch
import json
import os
import secrets
import sqlite3
import sys
import time
from pathlib import Path

SQLITE_WAIT_S = 600  # how long a worker waits for another's gradebook transaction


# -- one task, on a worker --------------------------------------------------------------------
def course_config(course: str, overrides: tuple[str, ...] = ()):
    """The configuration `nbgrader autograde` run in ``course`` would read: every
    nbgrader_config.py on Jupyter's config path, then the course's own, then ``overrides``
    (``--Class.trait=value``)."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config.loader import Config, KVArgParseConfigLoader, PyFileConfigLoader

    config = Config()
    for folder in [*reversed(jupyter_config_path()), course]:
        if (Path(folder) / "nbgrader_config.py").is_file():
            config.merge(PyFileConfigLoader("nbgrader_config.py", path=folder).load_config())
    if overrides:
        config.merge(KVArgParseConfigLoader(list(overrides)).load_config())
    config.CourseDirectory.root = course
    return config


def _sqlite_on_connect(dbapi_connection, record):
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.isolation_level = None  # BEGIN is ours to issue (below)
        dbapi_connection.execute(f"PRAGMA busy_timeout = {SQLITE_WAIT_S * 1000}")


def _sqlite_on_begin(connection):
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def serialize_sqlite_transactions() -> None:
    """Make every SQLite transaction of this process take the write lock when it begins and wait
    up to SQLITE_WAIT_S for it, instead of failing when two processes write at once."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    for name, listener in (("connect", _sqlite_on_connect), ("begin", _sqlite_on_begin)):
        if not event.contains(Engine, name, listener):
            event.listen(Engine, name, listener)


_apis: dict = {}


def _api(course: str, overrides: tuple[str, ...]):
    """nbgrader's API for the course, made once per worker process and configuration."""
    key = (course, overrides)
    if key not in _apis:
        serialize_sqlite_transactions()
        from nbgrader.apps.api import NbGraderAPI

        _apis[key] = NbGraderAPI(config=course_config(course, overrides))
    return _apis[key]


def grade_submission(course: str, lab: str, student: str, force: bool,
                     overrides: tuple[str, ...]) -> dict:
    """Autograde one student's submission of ``lab``, as `nbgrader autograde LAB --student
    STUDENT` does; return nbgrader's verdict and log, with where and how long it ran."""
    started = time.time()
    result = _api(course, overrides).autograde(lab, student, force=force, create=True)
    return {"student": student, "success": bool(result.get("success")),
            "log": result.get("log", ""), "error": result.get("error", ""),
            "started": started, "seconds": time.time() - started,
            "host": os.uname().nodename, "pid": os.getpid()}


# -- the command, on the instructor's machine --------------------------------------------------
def submitted_students(course: Path, lab: str, patterns: list[str] | None = None) -> list[str]:
    """The students with a collected submission of ``lab`` (``submitted/<student>/<lab>/``)."""
    students = sorted(p.parent.name for p in (course / "submitted").glob(f"*/{lab}") if p.is_dir())
    if patterns:
        students = [s for s in students if any(fnmatch.fnmatch(s, p) for p in patterns)]
    return students


# Dask's monitoring, made for interactive dashboards, costs a local cluster about a tenth of its
# CPU while it grades: a stack sample of the busy thread every 10 ms, an event-loop tick every
# 20 ms and system and memory polls in every process. Slower polls leave the grading its cores.
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
# What a grading task imports (nbgrader, the trusted grader, torch, the lab's checks): imported
# once in a fork server, from which each local worker forks, instead of once in every worker.
WORKER_PRELOAD = ["distributed", "nbgrader.apps.api", "nbgrader.converters.autograde",
                  "autograder.parallel", "autograder.trusted", "autograder.repair", "torch"]


def _fork_workers_from_preloaded(lab: str) -> None:
    """Start local workers by forking a server that has imported what grading needs (Dask's
    "forkserver" method; "spawn", Dask's default, where the platform lacks it)."""
    import multiprocessing

    import dask

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    from distributed.utils import get_mp_context

    get_mp_context()  # Dask's own preload first, so that ours below replaces it
    # A module that is missing (a lab without a checks module) is skipped by the fork server.
    checks = [f"autograder.{lab}"] if lab.isidentifier() else []
    multiprocessing.get_context("forkserver").set_forkserver_preload([*WORKER_PRELOAD, *checks])


def _client(workers: int, scheduler: str | None, scheduler_file: str | None, lab: str = ""):
    """A client of the given scheduler (its TLS settings, if any, from Dask's configuration), or
    of a local cluster that speaks TLS with a key made for it: a Dask worker runs whatever a
    client that reaches it sends, and on a shared server the students can reach localhost."""
    import dask
    from dask.distributed import Client, LocalCluster
    from distributed.security import Security

    if scheduler or scheduler_file:
        return Client(scheduler, scheduler_file=scheduler_file, timeout=60), None
    dask.config.set(LOCAL_CLUSTER_CONFIG)
    _fork_workers_from_preloaded(lab)
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           protocol="tls", security=Security.temporary(),
                           dashboard_address=None, silence_logs=40)
    return Client(cluster), cluster


def _report_line(done: int, total: int, outcome: dict) -> str:
    verdict = "graded" if outcome["success"] else "FAILED"
    return (f"[{done}/{total}] {outcome['student']}: {verdict} in {outcome['seconds']:.1f} s "
            f"(worker {outcome['host']}:{outcome['pid']})")


def _problems(outcome: dict, verbose: bool) -> list[str]:
    """The lines of a task's log worth an instructor's eye (all of them with --verbose)."""
    lines = outcome["log"].splitlines()
    if not verbose:
        lines = [line for line in lines if line.startswith(("[WARNING]", "[ERROR]", "[CRITICAL]"))]
    if outcome["error"] and not outcome["success"]:
        lines += outcome["error"].strip().splitlines()[-3:]
    return ["    " + line for line in lines]


def grade(course: Path, lab: str, *, workers: int = 0, scheduler: str | None = None,
          scheduler_file: str | None = None, students: list[str] | None = None,
          force: bool = False, seed: int | None = None, overrides: tuple[str, ...] = (),
          verbose: bool = False, out=sys.stdout) -> list[dict]:
    """Grade every collected submission of ``lab`` in ``course`` on Dask; one outcome per
    student, in the order they finished."""
    from dask.distributed import as_completed

    course = course.resolve()
    chosen = submitted_students(course, lab, students)
    if not chosen:
        raise SystemExit(f"No collected submissions of {lab!r} under {course / 'submitted'}: "
                         "collect them first (nbgrader collect or zip_collect).")
    from autograder.harness import nbgrader_env
    from autograder.trusted import drawn_seed

    seed = drawn_seed if seed is None else seed  # one for every task, as serial autograde has
    overrides = (f"--TrustedExecute.seed={seed}", *overrides)
    # Local workers inherit the environment nbgrader needs; one thread per grader and kernel is
    # also what makes parallel grading pay.
    os.environ.update(nbgrader_env())
    # By reference, so that workers import this module (run as `python -m`, it is __main__,
    # which Dask would ship by value, with fresh module state for every task).
    from autograder.parallel import grade_submission as task
    client, cluster = _client(workers or os.cpu_count() or 1, scheduler, scheduler_file, lab)
    try:
        where = scheduler or scheduler_file or f"a local cluster of {len(client.scheduler_info()['workers'])} workers"
        print(f"Grading {len(chosen)} submissions of {lab} on {where}, grading seed {seed}", file=out, flush=True)
        start = time.perf_counter()
        futures = {client.submit(task, str(course), lab, s, force, overrides,
                                 key=f"grade-{lab}-{s}-{secrets.token_hex(4)}", pure=False): s
                   for s in chosen}
        outcomes = []
        for future in as_completed(list(futures)):
            outcome = _outcome(future, futures[future])
            outcomes.append(outcome)
            print(_report_line(len(outcomes), len(chosen), outcome), file=out, flush=True)
            for line in _problems(outcome, verbose):
                print(line, file=out, flush=True)
        elapsed = time.perf_counter() - start
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    failed = [o["student"] for o in outcomes if not o["success"]]
    print(f"{len(outcomes) - len(failed)} of {len(chosen)} submissions graded in {elapsed:.0f} s "
          f"({60 * len(chosen) / elapsed:.1f} per minute)"
          + (f"; failed: {', '.join(sorted(failed))} (see above)" if failed else ""), file=out, flush=True)
    return outcomes


def _outcome(future, student: str) -> dict:
    """A task's outcome; a task Dask gave up on (its worker died three times) is a failure."""
    try:
        return future.result()
    except Exception as error:
        return {"student": student, "success": False, "log": "", "started": time.time(),
                "seconds": 0.0, "host": "?", "pid": 0, "error": f"{type(error).__name__}: {error}"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="./course grade", description="Autograde a lab's collected submissions in parallel "
        "on Dask, with the same results as `nbgrader autograde LAB`. Other --Class.trait=value "
        "options are nbgrader configuration, as on nbgrader's command line.")
    parser.add_argument("lab", help="the lab (nbgrader assignment) to grade")
    parser.add_argument("--course", type=Path, default=Path.cwd(),
                        help="the course directory (default: the current one)")
    parser.add_argument("--workers", type=int, default=0,
                        help="local workers, one submission each at a time (default: one per core)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (tcp://host:port) "
                        "whose workers grade instead of a local cluster")
    parser.add_argument("--scheduler-file", help="a Dask scheduler file, instead of --scheduler")
    parser.add_argument("--student", action="append",
                        help="grade only these students (glob patterns; repeatable)")
    parser.add_argument("--force", action="store_true", help="grade again what was already graded")
    parser.add_argument("--seed", type=int, help="grading seed for the hidden checks (default: drawn)")
    parser.add_argument("--verbose", action="store_true", help="print every task's whole log")
    parser.add_argument("--report", type=Path, help="also write each task's outcome (student, "
                        "success, worker, start, seconds, log) to this JSON-lines file")
    args, rest = parser.parse_known_args(argv)
    unknown = [a for a in rest if not (a.startswith("--") and "." in a.split("=")[0])]
    if unknown:
        parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    outcomes = grade(args.course, args.lab, workers=args.workers, scheduler=args.scheduler,
                     scheduler_file=args.scheduler_file, students=args.student, force=args.force,
                     seed=args.seed, overrides=tuple(rest), verbose=args.verbose)
    if args.report:
        args.report.write_text("".join(json.dumps(o) + "\n" for o in outcomes))
    return 0 if all(o["success"] for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
