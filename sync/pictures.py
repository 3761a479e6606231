"""Product pictures from Storage into `products/packages_picture/`, so the catalog shows them offline.

A picture is fetched when its file is missing, and revalidated (If-None-Match with the stored ETag, a 304
costs no body) when its product row changed or on a full resync. Pictures of products that are gone are
removed. A picture that fails never fails the sync: the next cycle tries again.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from urllib.parse import quote

from cache.jsontree import file_name
from cache.store import CacheStore
from sync.api import Api
from sync.errors import OfflineError, SyncError

log = logging.getLogger(__name__)

BUCKET = "product-pictures"
FOLDER = "products/packages_picture"


def picture_file(picture_path: str) -> str:
    """Where a picture lives locally; each segment made a safe file name, so a path from the server such as
    `../../x` cannot leave the folder."""
    return FOLDER + "/" + "/".join(file_name(part) for part in picture_path.split("/") if part)


class PictureFetcher:
    def __init__(self, api: Api, store: CacheStore) -> None:
        self.api = api
        self.store = store

    def _wanted(self, full: bool) -> list[tuple[str, int, str | None]]:
        """(picture_path, product txid, stored etag) of the pictures to fetch or revalidate."""
        rows = self.store.conn.execute(
            """
            SELECT p.picture_path, max(p.txid), pic.etag, pic.product_txid
            FROM products p LEFT JOIN pictures pic ON pic.path = p.picture_path
            WHERE p.picture_path IS NOT NULL AND p.picture_path <> ''
            GROUP BY p.picture_path
            """
        ).fetchall()
        wanted = []
        for path, txid, etag, checked_txid in rows:
            missing = not self.store.tree.path(picture_file(path)).exists()
            if missing or full or checked_txid is None or txid > checked_txid:
                wanted.append((path, txid, None if missing else etag))
        return wanted

    def _forget_orphans(self) -> None:
        orphans = [r[0] for r in self.store.conn.execute(
            "SELECT path FROM pictures WHERE path NOT IN "
            "(SELECT picture_path FROM products WHERE picture_path IS NOT NULL)")]
        for path in orphans:
            self.store.tree.remove(picture_file(path))
        with self.store.conn:
            self.store.conn.executemany("DELETE FROM pictures WHERE path = ?", ((p,) for p in orphans))

    def refresh(self, cancel: threading.Event, *, full: bool = False) -> int:
        """Fetch what is missing or changed; returns how many pictures were downloaded."""
        self._forget_orphans()
        downloaded = 0
        client = self.api.client
        for path, txid, etag in self._wanted(full):
            if cancel.is_set():
                break
            try:
                self.api.session.ensure_fresh()
                headers = {"If-None-Match": etag} if etag else None
                response, _ = client.request("GET", f"/storage/v1/object/authenticated/{BUCKET}/{quote(path)}",
                                             headers=headers, cancel=cancel, parse=False)
            except OfflineError:
                log.info("pictures: offline, the next sync tries again")
                return downloaded
            except SyncError as exc:
                log.warning("picture %s: %s", path, exc)
                continue
            now = dt.datetime.now(dt.UTC).isoformat()
            if response.status_code == 200:
                self.store.tree.write(picture_file(path), response.content)
                etag = response.headers.get("etag")
                downloaded += 1
            elif response.status_code != 304:
                # Storage reports a missing object as HTTP 400 with NoSuchKey; keep what we have and move on.
                log.warning("picture %s: HTTP %s %s", path, response.status_code, response.text[:200])
                continue
            with self.store.conn:
                self.store.conn.execute(
                    "INSERT INTO pictures (path, etag, size, product_txid, checked_at) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT(path) DO UPDATE SET etag = excluded.etag, size = coalesce(excluded.size, size), "
                    "product_txid = excluded.product_txid, checked_at = excluded.checked_at",
                    (path, etag, len(response.content) if response.status_code == 200 else None, txid, now))
        return downloaded
