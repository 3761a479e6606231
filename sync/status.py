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
    KEPT = "kept"  # the server suddenly shows far fewer rows: nothing was removed (sync/engine.py)
    ERROR = "error"


class Reason(StrEnum):
    """Why a sync error happened, finer than its kind: what the user is told to make of it (the desktop words
    its headline from this; the message carries the technical detail). Worked out where the error is caught,
    never guessed back from the message's words."""

    UNKNOWN = ""
    NO_NETWORK = "no_network"  # no route out, or names cannot be looked up at all
    UNKNOWN_HOST = "unknown_host"  # the network answers, but no such host name
    NO_ANSWER = "no_answer"  # the host resolves but refuses, times out or drops the connection: the server is down
    SERVER_FAILING = "server_failing"  # it answers, but with 5xx or 429 every time
    NOT_SUPABASE = "not_supabase"  # it answers, but not as Supabase does (a web page, a 404 on /rest/v1)
    DAMAGED = "damaged"  # a Supabase answer cut off or not of the expected shape
    KEY_REFUSED = "key_refused"  # the project's anon key was refused
    REFUSED = "refused"  # the server refused the request for a reason of its own


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
    FAILED = "failed"  # the last cycle ended in an error: the banner says which
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
