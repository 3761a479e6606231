"""What a failed sync or sign-in means, in the reader's language: one headline per reason sync/ worked out
(sync/status.py Reason), and what stays true of the data on this computer. The technical detail sync/ gives
(in English, to pass on to whoever runs the server) is shown beside it, never instead of it."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from sync.status import Reason, Status

_HEADLINES = {
    Reason.NO_NETWORK: QT_TRANSLATE_NOOP("Problems", "No network: this computer cannot reach the internet."),
    Reason.UNKNOWN_HOST: QT_TRANSLATE_NOOP("Problems", "The server's name was not found: check the network, or "
                                                       "the project URL in Settings."),
    Reason.NO_ANSWER: QT_TRANSLATE_NOOP("Problems", "The server does not answer: it may be down or restarting."),
    Reason.SERVER_FAILING: QT_TRANSLATE_NOOP("Problems", "The server is having trouble (busy or failing)."),
    Reason.NOT_SUPABASE: QT_TRANSLATE_NOOP("Problems", "This address is not a Supabase project: check the project "
                                                       "URL in Settings, or sign in to the network first."),
    Reason.DAMAGED: QT_TRANSLATE_NOOP("Problems", "The server's answer was not what this application expects."),
    Reason.KEY_REFUSED: QT_TRANSLATE_NOOP("Problems", "The server refused the project's anon key: check it in "
                                                      "Settings."),
    Reason.REFUSED: QT_TRANSLATE_NOOP("Problems", "The server refused to sync."),
}
_BY_STATUS = {
    Status.OFFLINE: QT_TRANSLATE_NOOP("Problems", "You are offline."),
    Status.SIGNED_OUT: QT_TRANSLATE_NOOP("Problems", "Signed out: sign in to sync."),
}
# What a failure leaves of the data: an offline window shows the cache; a refusal or a bad answer changed nothing.
_REASSURANCE = {
    Status.OFFLINE: QT_TRANSLATE_NOOP("Problems", "Showing the data saved on this computer."),
    Status.BAD_RESPONSE: QT_TRANSLATE_NOOP("Problems", "Nothing saved on this computer was changed."),
}
_STAYS_READABLE = QT_TRANSLATE_NOOP("Problems", "Everything saved on this computer stays readable.")


def _tr(text: str) -> str:
    return QCoreApplication.translate("Problems", text)


def headline(status: Status, reason: Reason) -> str:
    """What happened, in a sentence a sales rep acts on."""
    text = _HEADLINES.get(reason) or _BY_STATUS.get(status) or QT_TRANSLATE_NOOP("Problems", "Sync failed.")
    return _tr(text)


def sync_headline(status: Status, reason: Reason) -> str:
    """The banner's headline after a failed cycle: what happened, then what that leaves of the data."""
    return f"{headline(status, reason)} {_tr(_REASSURANCE.get(status, _STAYS_READABLE))}"
