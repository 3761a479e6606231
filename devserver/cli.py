"""`python -m devserver` (also `vschool-crm devserver`): the local Supabase stand-in with demo data."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import signal
import sys
import threading
import time
import warnings
from pathlib import Path

import platformdirs
import psycopg

from devserver import datagen, postgres
from devserver.app import StandInConfig
from devserver.auth import AuthSettings
from devserver.keys import DEMO_JWT_SECRET, ProjectKeys
from devserver.rest import RestSettings
from devserver.server import StandIn

log = logging.getLogger("devserver")

DEFAULT_PORT = 54321  # the port of Supabase's own local stack


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m devserver",
        description="Local stand-in for the school's Supabase project (REST, Auth, Storage, Realtime) on a real "
                    "PostgreSQL, with generated demo data. Listens on 127.0.0.1 only.",
    )
    p.add_argument("--port", type=int, default=DEFAULT_PORT, help="HTTP port (0 picks a free one)")
    p.add_argument("--data-dir", type=Path,
                   default=Path(platformdirs.user_data_dir("vschool-crm")) / "devserver",
                   help="where the embedded PostgreSQL keeps its files")
    p.add_argument("--database-url", help="use this PostgreSQL instead of an embedded one (needs superuser)")
    p.add_argument("--engine", choices=["auto", "embedded", "debian"], default="auto",
                   help="embedded (pgserver wheel), debian (system binaries) or auto (embedded, then debian)")
    p.add_argument("--dataset", choices=[*datagen.SIZES, "none"], default="demo")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--as-of", type=dt.date.fromisoformat, default=None,
                   help="the generated history ends on this day (default: today)")
    p.add_argument("--reset", action="store_true", help="drop the data and generate it again")
    p.add_argument("--churn", action="store_true",
                   help="keep changing a few rows per second so clients see deltas arrive")
    p.add_argument("--churn-rate", type=float, default=3.0, help="changes per second with --churn")
    p.add_argument("--max-rows", type=int, default=1000, help="rows per response at most, as hosted Supabase")
    p.add_argument("--no-compression", action="store_true",
                   help="answer uncompressed even when the client accepts gzip (hosted Supabase compresses)")
    p.add_argument("--jwt-exp", type=int, default=3600, help="access token lifetime in seconds")
    p.add_argument("--jwt-secret", default=DEMO_JWT_SECRET, help="the project's JWT secret (>= 32 chars)")
    return p


def _ensure_dataset(url: str, size: str, seed: int, as_of: dt.date | None, reset: bool) -> None:
    with psycopg.connect(url) as conn:
        held = conn.execute("select size, seed, as_of from standin.dataset").fetchone()
    if held and not reset and held[0] == size and held[1] == seed:
        print(f"Reusing the {size} dataset generated for {held[2]} (--reset generates it again).")
        return
    # Cleared whatever the state: an earlier load may have been interrupted half-way, leaving rows but no marker.
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("delete from standin.dataset")
    datagen.clear(url)
    print(f"Generating the {size} dataset (seed {seed})…", flush=True)
    last = [time.monotonic()]

    def progress(table: str, rows: int) -> None:
        if time.monotonic() - last[0] > 2:
            print(f"  {table}: {rows:,} rows", flush=True)
            last[0] = time.monotonic()

    report = datagen.load(url, size, seed=seed, as_of=as_of, progress=progress)
    with psycopg.connect(url) as conn:
        conn.execute("insert into standin.dataset (size, seed, as_of) values (%s, %s, %s)",
                     (size, seed, report.as_of))
    print(f"Loaded {sum(report.rows.values()):,} rows in {report.seconds:.1f} s.")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # SIGTERM (a service manager, `kill`) shuts down like Ctrl+C, so the database is stopped too and not left
    # running without its owner.
    signal.signal(signal.SIGTERM, _interrupt)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    logging.getLogger("psycopg.pool").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", module="platformdirs")  # pgserver asks for a runtime dir we do not need
    try:
        keys = ProjectKeys.from_secret(args.jwt_secret)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    try:
        cluster = postgres.start_cluster(args.data_dir, args.database_url, args.engine)
    except postgres.DatabaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    stop = threading.Event()
    churner: threading.Thread | None = None
    try:
        database = postgres.prepare(cluster)
        if args.dataset != "none":
            _ensure_dataset(database.superuser_url, args.dataset, args.seed, args.as_of, args.reset)
        config = StandInConfig(database, keys, rest=RestSettings(max_rows=args.max_rows or None),
                               auth=AuthSettings(access_token_ttl=args.jwt_exp), compress=not args.no_compression)
        try:
            server = StandIn(config, port=args.port)
        except OSError as exc:
            print(f"error: cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}. "
                  "Is another stand-in running? Try --port 0.", file=sys.stderr)
            return 1
        if args.churn:
            from devserver.churn import run_churn

            churner = threading.Thread(target=run_churn, args=(database.superuser_url, stop),
                                       kwargs={"rate": args.churn_rate}, name="churn", daemon=True)
        print(_banner(args, keys, server.url), flush=True)
        if churner:
            churner.start()
        server.serve_forever()
    except psycopg.Error as exc:
        print(f"error: the database refused: {str(exc).strip()}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        if churner:
            churner.join(timeout=10)
        cluster.stop()
    return 0


def _banner(args: argparse.Namespace, keys: ProjectKeys, url: str) -> str:
    lines = [
        "",
        "VSchool Supabase stand-in",
        f"  URL:          {url}",
        f"  anon key:     {keys.anon_key}",
        f"  service key:  {keys.service_key}",
        f"  realtime:     {url.replace('http://', 'ws://')}/realtime/v1/websocket",
    ]
    if args.dataset != "none":
        lines.append(f"  demo sign-in: {datagen.DEMO_EMAIL} / {datagen.DEMO_PASSWORD}")
    if args.churn:
        lines.append(f"  churn:        about {args.churn_rate:g} changes per second")
    lines.append("Press Ctrl+C to stop.")
    return "\n".join(lines)
