"""JupyterHub for the course on one server: students and instructors are local Unix users.

INSTRUCTORS.md, section 8, says how to deploy it; ``tests/test_hub.py`` runs the course through
this file. The hub runs as root from a folder that keeps its state (database, cookie secret,
proxy pid file), with the shared copy of the course installed as INSTRUCTORS.md, section 2,
describes (``/opt/tfdl``):

    sudo mkdir -p /srv/jupyterhub && cd /srv/jupyterhub
    sudo /opt/tfdl/.venv/bin/jupyterhub -f /opt/tfdl/autograder/jupyterhub_config.py

Everything a site changes (port, TLS, the group, admins) can go in a config file of its own that
starts with ``load_subconfig("/opt/tfdl/autograder/jupyterhub_config.py")``.
"""
from pathlib import Path

c = get_config()  # noqa: F821  (provided by traitlets when loading the file)

COURSE = Path(__file__).resolve().parent.parent  # the shared copy of the course
ENV = COURSE / ".venv"  # its environment (./course setup): JupyterHub, JupyterLab, nbgrader

# Who logs in: local accounts, with their Unix passwords (PAM), in the course's Unix group.
# The administrator creates the accounts (useradd -m -G tfdl <name>); the hub creates none.
c.JupyterHub.authenticator_class = "pam"
c.LocalAuthenticator.allowed_groups = {"tfdl"}
c.LocalAuthenticator.create_system_users = False

# Each user's server: a process of its own, run as that user in their home folder, with the
# course environment's JupyterLab and nbgrader extensions.
c.JupyterHub.spawner_class = "localprocess"
c.Spawner.cmd = [str(ENV / "bin" / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.environment = {
    # The hub passes on no PATH of its own; nbgrader runs alembic from the environment's bin/.
    "PATH": f"{ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
    # Where every user's nbgrader finds the exchange settings: autograder/exchange_config.py,
    # installed there as nbgrader_config.py (course id tfdl, exchange root, strict submission).
    "JUPYTER_CONFIG_PATH": "/etc/jupyter",
    # Small models: one thread each is much faster on a shared machine (README, "Speed").
    "OMP_NUM_THREADS": "1",
}

# The proxy, configurable-http-proxy from npm. `./course test` installs it into the environment
# (npm install --global --prefix /opt/tfdl/.venv configurable-http-proxy@5.3.0); one on PATH
# (npm install --global ...) works too.
PROXY = ENV / "bin" / "configurable-http-proxy"
if PROXY.exists():
    c.ConfigurableHTTPProxy.command = [str(PROXY)]

# Students and the instructor reach the hub on port 8000 of every interface. This is plain HTTP:
# put TLS in front of it (a reverse proxy), or set c.JupyterHub.ssl_key and ssl_cert.
c.JupyterHub.bind_url = "http://:8000"
