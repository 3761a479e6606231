"""The headless commands: `vschool-crm login | sync | status | logout | analytics rebuild`, and the rep's
writes (`customers`, `activity`, `pending`, `resolve`, `discard`) in sync/outbox_cli.py.

`sync` is what the operating system's scheduler runs while the application is closed; it shares the cache
and its lock with the application. A progress bar on a terminal, plain lines otherwise (a scheduler's log).

Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage, 3 offline, 4 not signed in or signed
out, 5 another sync is running, 6 synced but changes in conflict or refused by the server wait for the rep
(`vschool-crm pending`), 130 interrupted.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import getpass
import logging
import sys
import threading
import time
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from cache import queries
from cache.analytics import aggregates
from cache.database import DB_NAME, CacheError
from cache.location import cache_root
from cache.outbox import CONFLICT, REJECTED
from sync import events as ev
from sync import outbox_cli
from sync.account import DEMO_ANON_KEY, DEMO_URL, Account
from sync.credentials import SESSION_ONLY_NOTICE, CredentialStore
from sync.errors import CredentialsError, SyncError
from sync.http import normalise_url
from sync.jobs import Cycle, JobQueue
from sync.live import ChangeSeen, LiveEvent
from sync.lock import SyncLock
from sync.settings import Settings, config_dir, load_settings, save_settings
from sync.status import Live, Status

EXIT = {Status.OK: 0, Status.ERROR: 1, Status.SERVER: 1, Status.BAD_RESPONSE: 1, Status.CREDENTIALS: 1, Status.KEPT: 1,
        Status.OFFLINE: 3, Status.SIGNED_OUT: 4, Status.BUSY: 5, Status.CANCELLED: 130}
USAGE = 2
LIVE_STOP_WAIT_S = 1.0  # at the end of --watch: the live thread ends by itself (a daemon) if it takes longer
NEEDS_THE_REP = 6  # the sync went through, but conflicts or refused changes wait for the rep


def add_commands(commands: argparse._SubParsersAction) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--cache-dir", help="where cached data is kept (default: the per-user data folder; "
                                            "also VSCHOOL_CACHE_DIR)")
    common.add_argument("--config-dir", help="where settings are kept (also VSCHOOL_CONFIG_DIR)")

    login = commands.add_parser("login", parents=[common], help="sign in to the school's Supabase project")
    login.add_argument("--url", help="the project URL, e.g. https://<project>.supabase.co")
    login.add_argument("--anon-key", help="the project's anon (public) API key")
    login.add_argument("--demo", action="store_true", help=f"use the local demo stand-in at {DEMO_URL}")
    login.add_argument("--email")
    login.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    login.add_argument("--no-remember", action="store_true", help="do not keep the sign-in in the keyring")
    login.set_defaults(run=_login)

    sync = commands.add_parser("sync", parents=[common], help="bring the local cache up to date")
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="one cycle, then exit (the default)")
    mode.add_argument("--watch", action="store_true",
                      help="keep syncing until stopped: the server's changes as they happen, and every --interval "
                           "minutes while live updates cannot be had")
    sync.add_argument("--interval", type=float, default=None, help="minutes between cycles with --watch")
    sync.add_argument("--full", action="store_true", help="pull everything again and drop what the server lost")
    sync.set_defaults(run=_sync)

    status = commands.add_parser("status", parents=[common], help="what is cached and how fresh it is")
    status.set_defaults(run=_status)

    logout = commands.add_parser("logout", parents=[common], help="sign out on this computer")
    logout.add_argument("--wipe", action="store_true", help="also remove this account's cached data")
    logout.add_argument("--yes", action="store_true", help="do not ask before removing data")
    logout.add_argument("--discard-changes", action="store_true",
                        help="with --wipe: also remove changes not yet sent to the server (refused otherwise)")
    logout.set_defaults(run=_logout)

    kpis = commands.add_parser("analytics", help="the KPI files of analytics/, computed from the cached data")
    actions = kpis.add_subparsers(dest="action", metavar="ACTION", required=True)
    rebuild = actions.add_parser("rebuild", parents=[common],
                                 help="recompute every KPI from the cached data and rewrite the analytics files")
    rebuild.set_defaults(run=_analytics_rebuild)

    outbox_cli.add_commands(commands, common, sync)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    try:
        return int(args.run(args))
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return EXIT[Status.CANCELLED]
    except SyncError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT.get(exc.kind, 1)
    except CacheError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT[Status.ERROR]


def _open(args: argparse.Namespace) -> tuple[Path, Settings, CredentialStore]:
    folder = config_dir(args.config_dir)
    return folder, load_settings(folder), CredentialStore()


def _login(args: argparse.Namespace) -> int:
    folder, settings, credentials = _open(args)
    if args.demo:
        settings = dataclasses.replace(settings, supabase_url=DEMO_URL, anon_key=DEMO_ANON_KEY)
    if args.url:
        try:
            settings = dataclasses.replace(settings, supabase_url=normalise_url(args.url))
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return USAGE
    if args.anon_key:
        settings = dataclasses.replace(settings, anon_key=args.anon_key.strip())
    if not settings.configured:
        print("error: no project yet: pass --url and --anon-key (or --demo for the local demo)", file=sys.stderr)
        return USAGE
    email = args.email or settings.email or input("Email: ").strip()
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else getpass.getpass("Password: ")
    account = Account(settings, cache_root(args.cache_dir), credentials)
    try:
        user = account.sign_in(email, password, remember=not args.no_remember)
    except CredentialsError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT[Status.CREDENTIALS]
    finally:
        account.close()
    save_settings(folder, account.settings)
    print(f"Signed in to {settings.supabase_url} as {user.email}.")
    if not credentials.persistent or args.no_remember:
        print(SESSION_ONLY_NOTICE if not credentials.persistent else
              "The sign-in is not remembered: `vschool-crm sync` will ask you to sign in again.")
    print(f"Cached data goes to {account.folder}. Run `vschool-crm sync` to fetch it.")
    return EXIT[Status.OK]


class _Reporter:
    """Events → a rich progress bar on a terminal, or one plain line per table elsewhere."""

    def __init__(self, out: TextIO) -> None:
        self.console = Console(file=out)
        self.live = self.console.is_terminal
        self.progress = Progress(TextColumn("{task.description:<16}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=True) if self.live else None
        self.tasks: dict[str, TaskID] = {}  # a bar for each table being pulled (the sync pulls two at once)

    def __call__(self, event: ev.Event) -> None:
        if isinstance(event, ev.TableStarted) and self.progress is not None:
            self.tasks[event.table] = self.progress.add_task(event.table, total=event.expected_rows)
        elif isinstance(event, ev.PageApplied) and self.progress is not None and event.table in self.tasks:
            self.progress.update(self.tasks[event.table], completed=event.table_rows)
        elif isinstance(event, ev.TableFinished) and not event.skipped:
            if self.progress is not None and event.table in self.tasks:
                self.progress.remove_task(self.tasks.pop(event.table))
            self.console.print(f"{event.table}: {event.rows:,} rows")
        elif isinstance(event, ev.FilesWritten) and event.done == event.total:
            self.console.print(f"files: {event.total:,} written")

    def __enter__(self) -> _Reporter:
        if self.progress is not None:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()


def _summary(report: ev.CycleReport) -> str:
    if report.set_aside:
        aside = (f" {report.set_aside} record{'s' if report.set_aside != 1 else ''} could not be stored: "
                 "`vschool-crm status` lists them.")
    else:
        aside = ""
    sent = report.uploaded
    uploaded = f"{sent.applied:,} changes sent, " if sent.sent else ""
    if report.ok:
        changed = report.rows
        return (f"Up to date: {uploaded}{changed:,} rows changed, {report.files:,} files written, "
                f"{report.pictures} pictures, "
                f"{report.requests} requests in {report.seconds:.1f} s.{aside}")
    return f"Sync stopped ({report.status}): {report.message}{aside}"


def _sync(args: argparse.Namespace) -> int:
    _, settings, credentials = _open(args)
    if not settings.configured or not settings.user_id:
        print("error: not signed in: run `vschool-crm login` first", file=sys.stderr)
        return EXIT[Status.SIGNED_OUT]
    account = Account(settings, cache_root(args.cache_dir), credentials)
    stop = threading.Event()
    interval = 60 * (args.interval if args.interval is not None else settings.sync_interval_minutes)
    try:
        if account.store.set_aside is not None:
            print(f"The local cache could not be read; it was kept as {account.store.set_aside.name} and is "
                  "rebuilt from the server now.")
        if not account.session.has_refresh_token:
            print("error: not signed in on this computer (or the sign-in was not remembered): run "
                  "`vschool-crm login`. Cached data stays readable.", file=sys.stderr)
            return EXIT[Status.SIGNED_OUT]
        with _Reporter(sys.stdout) as reporter:
            report = account.engine(reporter).run_cycle(full=args.full, cancel=stop)
        print(_summary(report), flush=True)
        code = _exit_code(account, report.status)
        if not args.watch or report.status == Status.SIGNED_OUT:
            return code
        return _watch(account, settings, stop, interval)
    except KeyboardInterrupt:
        stop.set()
        print("Interrupted: the sync stopped. Everything it had applied is kept; the next sync goes on from there.",
              file=sys.stderr)
        return EXIT[Status.CANCELLED]
    finally:
        account.close()


def _exit_code(account: Account, status: Status) -> int:
    code = EXIT.get(status, 1)
    if code == EXIT[Status.OK] and (held := account.outbox().entries((CONFLICT, REJECTED))):
        print(f"{len(held)} change{'s' if len(held) != 1 else ''} need{'s' if len(held) == 1 else ''} you: "
              "`vschool-crm pending` lists them.")
        return NEEDS_THE_REP
    return code


def _watch(account: Account, settings: Settings, stop: threading.Event, interval: float) -> int:
    """`sync --watch`: the cycles of the job queue the desktop's worker drains (sync/jobs.py), here on the main
    thread: of the tables the live connection says changed (a burst gathered into a few), of every table whenever
    it (re)subscribes, and on the schedule while it is not live. Ends when the session does, or with Ctrl+C."""
    jobs = JobQueue()
    state = Live.OFF

    def heard(event: LiveEvent) -> None:  # on the connection's thread
        nonlocal state
        if isinstance(event, ChangeSeen):
            jobs.put(Cycle.of_changes((event.table,)))
            return
        state = event.state
        print(f"Live: {event.state}" + (f" ({event.reason})" if event.reason else ""), flush=True)
        if event.state in (Live.LIVE, Live.SIGNED_OUT):
            jobs.put(Cycle())  # what changed while not subscribed; or the cycle that says the session ended

    live = account.live(heard).start() if settings.live_updates else None
    try:
        while True:
            job = jobs.take(timeout=interval)
            if job is None:
                if state == Live.LIVE:
                    continue  # live: the changes come by themselves
                job = Cycle()  # the schedule's turn
            assert isinstance(job, Cycle)  # the only jobs this queue is given
            try:
                with _Reporter(sys.stdout) as reporter:
                    report = account.engine(reporter).run_cycle(full=job.full, cancel=stop, tables=job.tables)
            finally:
                jobs.done()
            print(_summary(report), flush=True)
            if report.status == Status.SIGNED_OUT:
                return EXIT[Status.SIGNED_OUT]
    finally:
        if live is not None:
            live.stop(LIVE_STOP_WAIT_S)


def _ago(then: str | None, now: dt.datetime) -> str:
    if not then:
        return "never"
    minutes = int((now - dt.datetime.fromisoformat(then)).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"


def _status(args: argparse.Namespace) -> int:
    _, settings, credentials = _open(args)
    if not settings.configured or not settings.user_id:
        print("Not signed in on this computer: run `vschool-crm login`.")
        return EXIT[Status.SIGNED_OUT]
    account = Account(settings, cache_root(args.cache_dir), credentials)
    try:
        conn = account.store.conn
        now = queries.server_now(conn)
        table = Table(title=f"{settings.email} on {settings.supabase_url}")
        for column in ("entity", "rows", "last synced", "last error"):
            table.add_column(column, justify="right" if column == "rows" else "left")
        for name, fresh in queries.freshness(conn).items():
            table.add_row(name, f"{fresh.row_count:,}", _ago(fresh.last_synced_at, now), fresh.last_error or "")
        console = Console()
        console.print(table)
        if aside := account.store.set_aside_entries():
            kept = Table(title="Could not be stored (tried again at every sync)")
            for column in ("table", "id", "reason", "since"):
                kept.add_column(column, overflow="fold")
            for entry in aside:
                kept.add_row(entry.table, entry.path or entry.ident, entry.error, _ago(entry.first_seen, now))
            console.print(kept)
        last = account.store.meta("last_status")
        if last and last != Status.OK:
            print(f"Last sync: {last}: {account.store.meta('last_message') or ''}")
        if not account.session.has_refresh_token:
            print("Signed out: run `vschool-crm login` to sync again. Cached data stays readable.")
        print(f"Cache: {account.folder}")
    finally:
        account.close()
    return EXIT[Status.OK]


def _logout(args: argparse.Namespace) -> int:
    folder, settings, credentials = _open(args)
    if not settings.configured:
        print("Not signed in.")
        return EXIT[Status.OK]
    account = Account(settings, cache_root(args.cache_dir), credentials)
    try:
        target = account.folder if settings.user_id else None
        wiping = args.wipe and target is not None and target.exists()
        waiting = _unsent(account) if target is not None and (target / DB_NAME).exists() else 0
        unsent = f"{waiting:,} change{'' if waiting == 1 else 's'} not yet sent to the server"
        if wiping and waiting and not args.discard_changes:
            # --yes is for scripts that remove a cache they can fetch again; the rep's unsent work cannot be.
            print(f"error: {unsent} would be lost (`vschool-crm pending` lists them): run `vschool-crm sync` "
                  "first, or add --discard-changes to remove them too", file=sys.stderr)
            return EXIT[Status.ERROR]
        if wiping and not args.yes and not _confirm(
                f"Remove every cached customer, order and file in {target}? They can only be fetched again while "
                "online." + (f" The {unsent} would be lost for good." if waiting else "") + " [y/N] "):
            print("Nothing removed.")
            return EXIT[Status.OK]
        problem = account.sign_out(remove_data=wiping)
    finally:
        account.close()
    if wiping:
        save_settings(folder, account.settings)
        if problem is not None:
            print(f"error: signed out, but {target} could not be removed completely ({problem}): remove it by "
                  "hand", file=sys.stderr)
            return EXIT[Status.ERROR]
        print(f"Removed {target}.")
    if not wiping and waiting:
        print(f"The {unsent} {'stays' if waiting == 1 else 'stay'} on this computer: "
              f"{'it goes' if waiting == 1 else 'they go'} after the next sign-in.")
    print("Signed out." + ("" if args.wipe else " Cached data stays on this computer (--wipe removes it)."))
    return EXIT[Status.OK]


def _unsent(account: Account) -> int:
    """The rep's changes the server has not accepted, which removing the cache would lose; 0 when the cache
    cannot be read (nothing in it can be sent then either)."""
    try:
        return account.outbox().waiting()
    except CacheError:
        return 0


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        print("error: refusing to remove data without --yes when not on a terminal", file=sys.stderr)
        return False
    return input(question).strip().lower() in ("y", "yes")


def _analytics_rebuild(args: argparse.Namespace) -> int:
    """Offline: everything comes from cache.db. Holds the sync lock, since it writes the cache like a sync."""
    _, settings, credentials = _open(args)
    if not settings.configured or not settings.user_id:
        print("error: not signed in on this computer: run `vschool-crm login`, then `vschool-crm sync`",
              file=sys.stderr)
        return EXIT[Status.SIGNED_OUT]
    account = Account(settings, cache_root(args.cache_dir), credentials)
    try:
        store = account.store
        with SyncLock(store.folder):
            if aggregates.filling(store.conn):
                print("error: the first sync has not finished: run `vschool-crm sync`, which builds the analytics "
                      "when it completes", file=sys.stderr)
                return EXIT[Status.ERROR]
            started = time.perf_counter()
            outcome = store.update_analytics(rebuild=True)
            files = store.drain_journal()
        print(f"Analytics rebuilt: {outcome.days:,} days of KPIs and {outcome.months:,} months of ad figures in "
              f"{outcome.seconds:.2f} s, {files:,} files brought up to date; "
              f"{time.perf_counter() - started:.2f} s in all.")
    finally:
        account.close()
    return EXIT[Status.OK]
