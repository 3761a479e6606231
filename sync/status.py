"""The status words, in one place (Maestral keeps its own in constants.py): how a sync cycle ended, what a
sync error is, and what the application knows of the connection, shared by the engine, the command line, the
desktop worker, its banner and the freshness badges. StrEnum members are the strings themselves, so the
cache's `last_status`, JSON output and Qt properties read as before while mypy checks every spelling."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """How a sync cycle ended, and the kind of a SyncError (sync/errors.py)."""

    OK = "ok"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"
    CREDENTIALS = "credentials"  # a sign-in refused
    SERVER = "server"
    BAD_RESPONSE = "bad_response"
    BUSY = "busy"  # another sync holds the cache
    CANCELLED = "cancelled"
    ERROR = "error"


class Connection(StrEnum):
    """What the last cycle said about the server: one that answered, even with an error, is online."""

    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    SIGNED_OUT = "signed_out"


class Freshness(StrEnum):
    """How fresh a view's data is, as its badge says."""

    UPDATING = "updating"
    OFFLINE = "offline"
    STALE = "stale"
    NEVER = "never"
    FRESH = "fresh"


class Live(StrEnum):
    """The live connection's state (sync/live.py), as the status bar shows it."""

    OFF = "off"  # not started: turned off in Settings, or nobody signed in
    CONNECTING = "connecting"
    LIVE = "live"  # subscribed: the server's changes arrive within a second
    RECONNECTING = "reconnecting"  # the socket dropped; trying again with backoff
    UNAVAILABLE = "unavailable"  # no socket to be had here (refused upgrade, older server): the schedule syncs
    SIGNED_OUT = "signed_out"
