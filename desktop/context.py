"""What every part of the window shares: the settings, the signed-in account, and the GUI's own read-only
connection to the cache.

The GUI thread reads local SQLite and local JSON files (a page of rows, one document): that takes milliseconds
and needs no network, so the first frame paints from the cache. Its only writes are the rep's own changes
(cache/outbox.py), each one local transaction of about a millisecond through `write`. Everything that talks to
the server runs on the sync worker's thread (desktop/worker.py), which writes through the account's own store.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Callable, Collection, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import orjson
from PySide6.QtCore import QObject, Signal

from cache import documents, meta, quarantine, queries
from cache.database import DB_NAME, CacheError, connect, open_current
from cache.jsontree import JsonTree
from cache.location import account_folder
from desktop.facets import FacetCounts
from sync.settings import Settings, load_settings, save_settings

if TYPE_CHECKING:  # made after the first paint (see `account`): their imports are not the window's to wait for
    from cache.outbox import Entry, Outbox
    from cache.store import CacheStore
    from sync.account import Account
    from sync.credentials import CredentialStore
    from sync.http import RetryPolicy

log = logging.getLogger(__name__)

T = TypeVar("T")


class AppContext(QObject):
    # The cached data changed (this app's sync, or another process): open views re-read what they show.
    cacheChanged = Signal()
    # A different account or project was opened (sign-in, sign-out): views start over.
    accountChanged = Signal()
    # The account is about to be closed: whatever uses its session or client stops first.
    accountClosing = Signal()
    settingsChanged = Signal()
    # A record's file could not be used (damaged, missing, another record's): its path, for the sync worker,
    # the cache's writer, to queue it to be written again from the rows.
    fileUnusable = Signal(str)
    # The rep changed something (a lead, an edit, an activity, a decision on a waiting change): shown at once,
    # and the sync controller sends it soon.
    wrote = Signal()

    def __init__(self, config_dir: Path, cache_root: Path, credentials: CredentialStore | None = None,
                 parent: QObject | None = None, *, retry: RetryPolicy | None = None) -> None:
        super().__init__(parent)
        self.retry = retry
        self.config_dir = config_dir
        self.cache_root = cache_root
        self._credentials = credentials
        # Replaced, never changed in place, and only on the GUI thread (the worker's answers arrive as signals).
        self.settings: Settings = load_settings(config_dir)
        self._account: Account | None = None
        self._account_lock = threading.RLock()  # the worker's thread may be the first to ask for it
        self._closed = False
        self.cache_error: str | None = None  # why the cache could not be opened, for the banner
        self._conn: sqlite3.Connection | None = None
        self._tree: JsonTree | None = None
        self._writer: CacheStore | None = None  # the rep's writes, made when the first is
        self._facets = FacetCounts(self)
        if self.settings.configured:
            self._open_cache()

    # --- account ----------------------------------------------------------------------------------------------

    @property
    def credentials(self) -> CredentialStore:
        """The keyring, chosen when first needed: finding a working backend takes a tenth of a second."""
        with self._account_lock:
            if self._credentials is None:
                from sync.credentials import CredentialStore

                self._credentials = CredentialStore()
            return self._credentials

    @property
    def account(self) -> Account | None:
        """The configured project's HTTP client and session, made when first asked for: after the window's
        first paint (the window itself reads only the cache) or by the worker's thread. Making them imports the
        HTTP stack and sets up TLS, a quarter of a second the first frame does not wait for. None until a
        project is configured."""
        with self._account_lock:
            if self._account is None and self.settings.configured and not self._closed:
                from sync.account import Account

                self._account = Account(self.settings, self.cache_root, self.credentials, retry=self.retry)
            return self._account

    def open_account(self) -> None:
        """Open the configured project and, when a user has signed in here before, their cache: offline and
        with an expired session alike, the data on this computer is shown."""
        self.close_account()
        self._open_cache()
        self.accountChanged.emit()

    def close_connections(self) -> None:
        """Cut the account's connections under a request still in flight (the window is closing)."""
        if self._account is not None:
            self._account.client.close()

    def _open_cache(self) -> None:
        """The signed-in user's cache, read-only. The folder is named by the settings alone (the same name as
        the account's), so the cache opens without the account."""
        if not self.settings.user_id:
            return
        folder = account_folder(self.cache_root, self.settings.supabase_url, self.settings.user_id)
        try:
            conn = open_current(folder / DB_NAME)
            if conn is None:
                # Creating, migrating or setting aside the file is the store's local, quick work; the store is
                # closed again at once so that the sync thread's own store is the only writer.
                from cache.store import CacheStore

                CacheStore(folder).close()
                conn = connect(folder / DB_NAME, readonly=True)
            self._conn = conn
            self._conn.execute("PRAGMA query_only = ON")
            self._tree = JsonTree(folder)
            self.cache_error = None
        except (CacheError, sqlite3.Error, OSError) as exc:
            log.warning("cache could not be opened: %s", exc)
            self.cache_error = str(exc)

    def close_cache(self) -> None:
        self._facets.forget()  # counts in flight read the closing folder, and would describe it
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._tree = None

    def close_account(self) -> None:
        self.close_cache()
        with self._account_lock:
            account, self._account = self._account, None
        if account is not None:
            self.accountClosing.emit()  # outside the lock: what stops on it may wait for the worker's thread
            account.close()

    def signed_in(self) -> None:
        """After a sign-in (the account's settings now name the user): keep the settings, open their cache."""
        self.save_settings()
        self.close_cache()
        self._open_cache()
        self.accountChanged.emit()

    @property
    def folder(self) -> Path | None:
        if self._tree is None:
            return None
        return self._tree.root

    def save_settings(self) -> None:
        save_settings(self.config_dir, self.settings)
        self.settingsChanged.emit()

    # --- reads ------------------------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection | None:
        """The read-only connection, or None before anyone signed in on this computer."""
        return self._conn

    def data_version(self) -> int:
        """Changes whenever another connection (our sync thread or another process) committed to the cache."""
        if self._conn is None:
            return 0
        return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def count(self, query: queries.ListQuery, *, cap: int | None = None) -> int:
        return 0 if self._conn is None else queries.count(self._conn, query, cap=cap)

    def page(self, query: queries.ListQuery, offset: int, limit: int) -> list[dict[str, Any]]:
        return [] if self._conn is None else queries.page(self._conn, query, offset, limit)

    def contains(self, query: queries.ListQuery, ident: str) -> bool:
        return self._conn is not None and queries.contains(self._conn, query, ident)

    def position(self, query: queries.ListQuery, ident: str) -> int | None:
        return None if self._conn is None else queries.position(self._conn, query, ident)

    def get(self, entity: str, ident: str) -> dict[str, Any] | None:
        return None if self._conn is None else queries.get(self._conn, entity, ident)

    def names(self, entity: str, column: str, ids: Collection[str]) -> dict[str, Any]:
        return {} if self._conn is None else queries.names(self._conn, entity, column, ids)

    def facets(self, entity: str, column: str) -> list[tuple[Any, int]]:
        """On the GUI thread: for the small tables only (products, employees, campaigns), where it takes a
        millisecond; `count_facets` for the large ones."""
        return [] if self._conn is None else queries.facets(self._conn, entity, column)

    def count_facets(self, receiver: QObject, entity: str, columns: Sequence[str],
                     deliver: Callable[[dict[str, list[tuple[Any, int]]]], None]) -> None:
        """Count the filter values of a large table off the GUI thread (100k customers take a quarter of a
        second); `deliver` gets them later, and only for the newest question `receiver` asked."""
        self._facets.ask(None if self.folder is None else self.folder / DB_NAME, receiver, entity, columns, deliver)

    def freshness(self) -> dict[str, queries.TableFreshness]:
        return {} if self._conn is None else queries.freshness(self._conn)

    def set_aside(self) -> list[quarantine.Entry]:
        """The records the sync could not store or write, with their reasons."""
        return [] if self._conn is None else quarantine.entries(self._conn)

    def server_now(self) -> dt.datetime:
        if self._conn is None:
            return dt.datetime.now(dt.UTC)
        return queries.server_now(self._conn)

    def meta(self, key: str) -> str | None:
        return None if self._conn is None else meta.get(self._conn, key)

    def record(self, table: str, row: Mapping[str, Any]) -> dict[str, Any] | None:
        """One record's document (a customer with their orders, an order with its items…) as cache.documents
        reads it: its JSON file, else the rows. `row` holds the id, and a product's category (its folder). None
        when the cache does not have it. An unusable file is announced (fileUnusable): this connection is
        read-only, so the worker queues it, and the next sync writes it again."""
        if self._conn is None or self._tree is None:
            return None
        path = documents.record_path(table, row)
        if path is None:
            return None
        found = documents.read(self._conn, self._tree, path)
        if found.rewrite:
            self.fileUnusable.emit(path)
        return found.doc if isinstance(found.doc, dict) else None

    def waiting(self) -> int:
        """The rep's changes the server has not accepted yet (the status bar's count)."""
        from cache import outbox

        return 0 if self._conn is None else outbox.waiting(self._conn)

    def changes_waiting(self, entity: str, ids: Collection[str]) -> dict[str, str]:
        """id → the state of the rep's changes the server has not accepted (a record's badge), for those of
        `ids` that have any."""
        from cache import outbox

        return {} if self._conn is None else outbox.waiting_states(self._conn, entity, ids)

    def adopted_id(self, local_id: str) -> str | None:
        """The business id the server gave a lead shown under its local id, once the sync has brought it."""
        from cache import outbox

        return None if self._conn is None else outbox.adopted_id(self._conn, local_id)
    def change_counts(self) -> dict[str, int]:
        """The rep's changes in the outbox per state (cache/outbox.py PENDING … REJECTED)."""
        from cache import outbox

        return {} if self._conn is None else outbox.counts(self._conn)

    def changes(self) -> list[Entry]:
        """The rep's changes in the outbox, oldest first (the Pending changes page)."""
        from cache import outbox

        return [] if self._conn is None else outbox.all_entries(self._conn)
    def changes_of(self, entity: str, ids: Sequence[str]) -> dict[str, list[Entry]]:
        """The outbox's entries of these records (waiting, sending, refused, in conflict, or accepted and not yet
        pulled back): id → its entries, oldest first."""
        from cache import outbox

        return {} if self._conn is None else outbox.entries_for(self._conn, entity, ids)

    def employee_id(self) -> str | None:
        """The signed-in user's employee id, the author of their activities; None when no employee row in the
        cache links to their account."""
        if self._conn is None or not self.settings.user_id:
            return None
        found = self._conn.execute("SELECT id FROM employees WHERE auth_user_id = ?",
                                   (self.settings.user_id,)).fetchone()
        return found[0] if found else None

    # --- the rep's writes -----------------------------------------------------------------------------------

    def outbox(self) -> Outbox:
        """The rep's changes (cache/outbox.py) on this thread's own writing store: a write is one local SQLite
        transaction (the rows it shows and its outbox entry), never a wait on the network. Its files are written
        by the worker's next drain and read from the rows until then (documents.read). Raises CacheError when
        no one is signed in here or the cache cannot be written."""
        from cache.outbox import Outbox

        folder = self.folder
        if folder is None or self._conn is None:
            raise CacheError(self.cache_error or "Sign in first: changes are kept in the signed-in rep's cache")
        if self._writer is None:
            from cache.store import CacheStore

            self._writer = CacheStore(folder)
        return Outbox(self._writer, self.employee_id())

    def write(self, change: Callable[[Outbox], T]) -> T:
        """One of the rep's changes, e.g. `ctx.write(lambda box: box.create_customer(values))`: made, shown in
        every open view, and handed to the sync controller to send. OutboxError (an invalid value: nothing was
        written) and CacheError reach the caller, to be shown."""
        result = change(self.outbox())
        self.cacheChanged.emit()
        self.wrote.emit()
        return result

    def document(self, relative: str) -> Any | None:
        """A file of the tree as it is, for the files the analytics build (the dashboard's summary): without one
        there is nothing to show yet. None when it is missing or damaged."""
        if self._tree is None:
            return None
        try:
            return self._tree.read(relative)
        except (orjson.JSONDecodeError, OSError) as exc:
            log.warning("could not read %s: %s", relative, exc)
            return None

    def file_path(self, relative: str) -> Path | None:
        return None if self._tree is None else self._tree.path(relative)

    def close(self) -> None:
        with self._account_lock:
            self._closed = True
        self.close_account()
