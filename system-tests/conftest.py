"""Real `rebalance` processes on real databases: started, killed, restarted, run side by side.

SQLite databases are files in a temporary folder. PostgreSQL tests need a server to make
databases on: SYSTEM_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres, an
account that may CREATE DATABASE); scripts/test starts a throwaway one. Without it they are skipped (under CI they fail).
"""
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "browser-tests"))
from api_session import csrf_headers, make_token, sign_in  # noqa: E402,F401

BINARY = Path(os.environ.get("REBALANCE_BIN", ROOT / ".build" / "debug" / "rebalance"))
POSTGRES = os.environ.get("SYSTEM_TEST_POSTGRES_URL", "")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(base):
    try:
        with urllib.request.urlopen(base + "/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False


class Server:
    """One `rebalance serve` process on a free loopback port; start it again on the same database."""

    def __init__(self, database, workdir, name="server", demo=False, env=None):
        self.database, self.workdir, self.name, self.demo = database, Path(workdir), name, demo
        self.env = dict(os.environ, REBALANCE_BCRYPT_COST="4", **(env or {}))
        self.env.pop("DATABASE_URL", None)
        self.process = None
        self.starts = 0

    def start(self, timeout=120):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.starts += 1
        self.log_path = self.workdir / f"{self.name}-{self.starts}.log"
        command = [str(BINARY), "serve", "--port", str(self.port), "--database", self.database]
        if self.demo and self.starts == 1:
            command.append("--demo")
        self.process = subprocess.Popen(command, cwd=self.workdir, env=self.env,
                                        stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline:
            if healthy(self.base):
                return self
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited while starting:\n" + self.log()[-3000:])
            time.sleep(0.2)
        self.process.kill()
        raise RuntimeError(f"{self.name} did not start within {timeout} s:\n" + self.log()[-3000:])

    def kill(self):
        """SIGKILL: no shutdown, no flushing, nothing the process could still do."""
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def log(self):
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """Makes Servers and stops whichever are still running at the end of the module."""
    made = []
    workdir = tmp_path_factory.mktemp("servers")

    def make(database, **kwargs):
        server = Server(database, workdir, **kwargs)
        made.append(server)
        return server

    yield make
    for server in made:
        server.stop()


def run_cli(*args, check=True):
    """Runs the rebalance command line; returns the finished process (output captured)."""
    done = subprocess.run([str(BINARY), *args], capture_output=True, text=True, timeout=300,
                          env={k: v for k, v in os.environ.items() if k != "DATABASE_URL"})
    if check:
        assert done.returncode == 0, f"rebalance {' '.join(args)}: {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


# --- PostgreSQL ----------------------------------------------------------------------------

def pg_url(database):
    parts = urlsplit(POSTGRES)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, ""))


def psql(url, sql, *extra):
    done = subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-q", "-X", *extra, "-c", sql],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"psql failed on {sql}: {done.stderr}"
    return done.stdout


def pg_snapshot(url):
    """Every table's rows as text, sorted: enough to tell two databases apart."""
    tables = psql(url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", "-At").split()
    snapshot = {}
    for table in tables:
        rows = psql(url, f'SELECT "{table}"::text FROM "{table}"', "-At", "-0")
        snapshot[table] = sorted(r for r in rows.split("\0") if r) if rows else []
    return snapshot


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """database(kind) -> a URL for `--database`: a new SQLite file, or a new PostgreSQL database
    (dropped at the end of the module)."""
    made = []
    folder = tmp_path_factory.mktemp("databases")

    def make(kind):
        if kind == "sqlite":
            return "sqlite:" + str(folder / f"rebalance-{uuid.uuid4().hex[:8]}.sqlite")
        if not POSTGRES:
            # Under CI a missing server is a broken test run, not a reason to pass.
            (pytest.fail if os.environ.get("CI") else pytest.skip)("SYSTEM_TEST_POSTGRES_URL is not set")
        name = "rb_sys_" + uuid.uuid4().hex[:12]
        psql(POSTGRES, f"CREATE DATABASE {name}")
        made.append(name)
        return pg_url(name)

    yield make
    for name in made:
        psql(POSTGRES, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
