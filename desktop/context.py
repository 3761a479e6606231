"""What every part of the window shares: the settings, the signed-in account, and the GUI's own read-only
connection to the cache.

The GUI thread only ever reads local SQLite and local JSON files (a page of rows, one document): that takes
milliseconds and needs no network, so the first frame paints from the cache. Everything that talks to the
server runs on the sync worker's thread (desktop/worker.py), which writes through the account's own store.
"""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

import orjson
from PySide6.QtCore import QObject, Signal

from cache import documents, meta, quarantine, queries
from cache.database import DB_NAME, CacheError, connect
from cache.jsontree import JsonTree
from cache.store import CacheStore
from sync.account import Account
from sync.credentials import CredentialStore
from sync.errors import NotSignedInError
from sync.http import RetryPolicy
from sync.settings import Settings, load_settings, save_settings

log = logging.getLogger(__name__)


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

    def __init__(self, config_dir: Path, cache_root: Path, credentials: CredentialStore | None = None,
                 parent: QObject | None = None, *, retry: RetryPolicy | None = None) -> None:
        super().__init__(parent)
        self.retry = retry
        self.config_dir = config_dir
        self.cache_root = cache_root
        self.credentials = credentials or CredentialStore()
        # Replaced, never changed in place, and only on the GUI thread (the worker's answers arrive as signals).
        self.settings: Settings = load_settings(config_dir)
        self.account: Account | None = None
        self.cache_error: str | None = None  # why the cache could not be opened, for the banner
        self._conn: sqlite3.Connection | None = None
        self._tree: JsonTree | None = None
        if self.settings.configured:
            self.open_account()

    # --- account ----------------------------------------------------------------------------------------------

    def open_account(self) -> None:
        """Open the configured project and, when a user has signed in here before, their cache: offline and
        with an expired session alike, the data on this computer is shown."""
        self.close_account()
        self.account = Account(self.settings, self.cache_root, self.credentials, retry=self.retry)
        self._open_cache()
        self.accountChanged.emit()

    def _open_cache(self) -> None:
        assert self.account is not None
        try:
            folder = self.account.folder
        except NotSignedInError:
            return
        try:
            # Creating or migrating the file is local work and quick; the store is closed again at once so
            # that the sync thread's own store is the only writer.
            CacheStore(folder).close()
            self._conn = connect(folder / DB_NAME, readonly=True)
            self._conn.execute("PRAGMA query_only = ON")
            self._tree = JsonTree(folder)
            self.cache_error = None
        except (CacheError, sqlite3.Error, OSError) as exc:
            log.warning("cache could not be opened: %s", exc)
            self.cache_error = str(exc)

    def close_cache(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        self._tree = None

    def close_account(self) -> None:
        self.close_cache()
        if self.account is not None:
            self.accountClosing.emit()
            self.account.close()
            self.account = None

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

    def get(self, entity: str, ident: str) -> dict[str, Any] | None:
        return None if self._conn is None else queries.get(self._conn, entity, ident)

    def names(self, entity: str, column: str, ids: Collection[str]) -> dict[str, Any]:
        return {} if self._conn is None else queries.names(self._conn, entity, column, ids)

    def facets(self, entity: str, column: str) -> list[tuple[Any, int]]:
        return [] if self._conn is None else queries.facets(self._conn, entity, column)

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
        self.close_account()
