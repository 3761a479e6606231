"""The PostgreSQL behind the stand-in: an embedded server, a throwaway Debian cluster, or one the caller names.

Whichever it is, `prepare()` lays down what Supabase provides (bootstrap.sql) and then applies the project's
migrations from supabase/migrations in order, recording them as the Supabase CLI does. supabase/ is SQL, not a
package: a wheel carries the migrations as data of this package (setup.py's build step), a checkout reads them
where they are.
"""

from __future__ import annotations

import contextlib
import glob
import logging
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import psycopg
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

log = logging.getLogger(__name__)

SOURCE_MIGRATIONS = Path(__file__).resolve().parent.parent / "supabase" / "migrations"


class DatabaseError(RuntimeError):
    """The stand-in could not get a PostgreSQL to run on; the message says what to do."""


class Cluster(Protocol):
    superuser_url: str
    # One password per cluster for the run, so that preparing a second database keeps the first one's pool valid.
    authenticator_password: str

    def stop(self) -> None: ...


@dataclass
class ExistingServer:
    """A server the caller runs (--database-url); never stopped by us."""

    superuser_url: str
    authenticator_password: str = field(default_factory=lambda: secrets.token_urlsafe(24))

    def stop(self) -> None:
        pass


@dataclass
class EmbeddedServer:
    """PostgreSQL from the `pgserver` wheel: no system install, and it copes with running as root."""

    data_dir: Path
    superuser_url: str = ""
    authenticator_password: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    _server: Any = field(default=None, repr=False)

    def start(self) -> EmbeddedServer:
        import pgserver  # imported here: the Debian fallback must work when the wheel is missing

        self.data_dir.mkdir(parents=True, exist_ok=True)
        self._server = pgserver.get_server(self.data_dir, cleanup_mode="stop")
        self.superuser_url = self._server.get_uri()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.cleanup()
            self._server = None


@dataclass
class DebianCluster:
    """A throwaway cluster from Debian's PostgreSQL binaries, owned by the `postgres` user when we are root
    (PostgreSQL refuses to run as root). It listens on a Unix socket inside its data directory only."""

    data_dir: Path
    superuser_url: str = ""
    authenticator_password: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    _bin: Path = field(default=Path(), repr=False)
    _run_as: str | None = field(default=None, repr=False)

    @staticmethod
    def find_bindir() -> Path | None:
        candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version_key)
        if candidates:
            return Path(candidates[-1]).parent
        found = shutil.which("initdb")
        return Path(found).parent if found else None

    def _cmd(self, *args: str) -> list[str]:
        if self._run_as:
            return ["runuser", "-u", self._run_as, "--", *args]
        return list(args)

    def _run(self, *args: str) -> None:
        done = subprocess.run(self._cmd(*args), capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise DatabaseError(f"{Path(args[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> DebianCluster:
        bindir = self.find_bindir()
        if bindir is None:
            raise DatabaseError(
                "No PostgreSQL server binaries found. Install them (Debian: apt-get install postgresql) "
                "or pass --database-url."
            )
        self._bin = bindir
        if os.geteuid() == 0:
            try:
                pwd.getpwnam("postgres")
            except KeyError as exc:
                raise DatabaseError("Running as root needs the 'postgres' system user to own the cluster.") from exc
            self._run_as = "postgres"
        pgdata = self.data_dir / "pgdata"
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self._run_as:
            shutil.chown(self.data_dir, user=self._run_as)
            _let_traverse(self.data_dir.parent)
        if not (pgdata / "PG_VERSION").exists():
            self._run(str(bindir / "initdb"), "-D", str(pgdata), "-U", "postgres", "--auth=trust",
                      "-E", "UTF8", "--locale=C.UTF-8")
        sock = str(self.data_dir)
        # fsync off: a throwaway cluster for demos and tests; losing it in a power cut costs nothing.
        self._run(str(bindir / "pg_ctl"), "-D", str(pgdata), "-l", str(self.data_dir / "postgres.log"),
                  "-o", f"-k {sock} -h '' -c fsync=off -c full_page_writes=off", "-w", "start")
        self.superuser_url = make_conninfo(host=sock, user="postgres", dbname="postgres")
        return self

    def stop(self) -> None:
        if not self.superuser_url:
            return
        pgdata = self.data_dir / "pgdata"
        subprocess.run(self._cmd(str(self._bin / "pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"),
                       check=False, capture_output=True)
        self.superuser_url = ""


def _let_traverse(directory: Path) -> None:
    """Give others the search bit on each ancestor, so the unprivileged server can reach its data directory
    (a private temp directory of root's would stop it)."""
    for parent in [directory, *directory.parents]:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            parent.chmod(mode | 0o001)


def _version_key(path: str) -> tuple[int, ...]:
    part = Path(path).parent.parent.name
    return tuple(int(p) for p in part.split(".") if p.isdigit())


def start_cluster(data_dir: Path | None, database_url: str | None = None, engine: str = "auto") -> Cluster:
    """Start (or attach to) a PostgreSQL. engine: auto (embedded, then Debian), embedded or debian."""
    if database_url:
        return ExistingServer(database_url)
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="vschool-devserver-"))
    if engine in ("auto", "embedded"):
        try:
            return EmbeddedServer(data_dir / "embedded").start()
        except Exception as exc:
            if engine == "embedded":
                raise DatabaseError(f"The embedded PostgreSQL did not start: {exc}") from exc
            log.warning("embedded PostgreSQL unavailable (%s); trying the system binaries", exc)
    return DebianCluster(data_dir / "debian").start()


@dataclass(frozen=True)
class Database:
    """Connection strings for a prepared database."""

    superuser_url: str
    authenticator_url: str


def prepare(cluster: Cluster, dbname: str | None = None) -> Database:
    """Bootstrap the Supabase-provided parts, apply pending migrations, and give `authenticator` a password of
    this run so the API connects as PostgREST does (never as the superuser, so RLS is real). With `dbname`, a
    separate database of the cluster is created (if needed) and prepared: tests that change data get their own."""
    url = cluster.superuser_url
    if dbname:
        with psycopg.connect(url, autocommit=True) as conn:
            if conn.execute("select 1 from pg_database where datname = %s", (dbname,)).fetchone() is None:
                conn.execute(sql.SQL("create database {}").format(sql.Identifier(dbname)))
        url = make_conninfo(url, dbname=dbname)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(resources.files("devserver").joinpath("sql/bootstrap.sql").read_text())
        apply_migrations(conn)
        conn.execute(sql.SQL("alter role authenticator with login password {}").format(
            sql.Literal(cluster.authenticator_password)))
    params = conninfo_to_dict(url)
    params.update(user="authenticator", password=cluster.authenticator_password)
    return Database(url, make_conninfo("", **params))


def migration_files() -> list[Path]:
    installed = Path(str(resources.files("devserver").joinpath("migrations")))
    return sorted((installed if installed.is_dir() else SOURCE_MIGRATIONS).glob("*.sql"))


def apply_migrations(conn: psycopg.Connection) -> list[str]:
    """Apply the migrations not yet recorded, each in its own transaction; return the versions applied."""
    applied = {row[0] for row in conn.execute("select version from supabase_migrations.schema_migrations")}
    done = []
    for path in migration_files():
        version, _, name = path.stem.partition("_")
        if version in applied:
            continue
        with conn.transaction():
            conn.execute(path.read_text())
            conn.execute(
                "insert into supabase_migrations.schema_migrations (version, name, statements) values (%s, %s, %s)",
                (version, name, [path.read_text()]),
            )
        done.append(version)
        log.info("applied migration %s", path.name)
    return done


@contextlib.contextmanager
def running(data_dir: Path | None = None, database_url: str | None = None,
            engine: str = "auto") -> Iterator[Database]:
    cluster = start_cluster(data_dir, database_url, engine)
    try:
        yield prepare(cluster)
    finally:
        cluster.stop()
