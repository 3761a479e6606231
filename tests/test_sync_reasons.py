"""What a failure means, worked out where it is caught: a server that is down is not a wrong URL, an address that
answers like a web site is not a server that is down, and no network is neither. The desktop words its banner
from the reason, so each is checked on a real failure (the fault proxy in front of a real stand-in)."""

from __future__ import annotations

import errno
import socket

import httpx
import pytest

from sync.account import Account
from sync.credentials import CredentialStore
from sync.errors import OfflineError, ServerError
from sync.http import describe_transport_error
from sync.settings import Settings
from sync.status import Reason, Status
from tests.faultproxy import Fault
from tests.keyrings import MemoryKeyring
from tests.syncing import FAST_RETRY


def test_a_server_that_went_away_does_not_answer_and_the_url_is_not_blamed(proxy, account):
    proxy.offline = True
    report = account.engine().run_cycle()
    assert (report.status, report.reason) == (Status.OFFLINE, Reason.NO_ANSWER)
    assert "refused the connection" in report.message and "project URL" not in report.message


def test_a_server_failing_every_time_is_having_trouble(proxy, account):
    proxy.add(Fault("status", status=503, times=None))
    report = account.engine().run_cycle()
    assert (report.status, report.reason) == (Status.OFFLINE, Reason.SERVER_FAILING)


def test_a_web_page_instead_of_supabase_is_not_a_supabase_project(proxy, account):
    proxy.add(Fault("garbage", times=None))
    report = account.engine().run_cycle()
    assert (report.status, report.reason) == (Status.BAD_RESPONSE, Reason.NOT_SUPABASE)


def test_a_404_on_the_rest_api_is_not_a_supabase_project(proxy, account):
    proxy.add(Fault("status", path=r"/rest/v1/", status=404, body=b"<html>Not Found</html>", times=None))
    report = account.engine().run_cycle()
    assert (report.status, report.reason) == (Status.SERVER, Reason.NOT_SUPABASE)
    assert "HTTP 404" in report.message


def test_a_cut_off_answer_is_damaged(proxy, account):
    proxy.add(Fault("truncate", path=r"/rpc/sync_watermark", times=None))
    report = account.engine().run_cycle()
    assert (report.status, report.reason) == (Status.BAD_RESPONSE, Reason.DAMAGED)


def test_a_refused_anon_key_says_so(project, tmp_path):
    account = Account(Settings(supabase_url=project.url, anon_key="not-the-key"), tmp_path,
                      CredentialStore(MemoryKeyring()), retry=FAST_RETRY)
    with pytest.raises(ServerError) as refused:
        account.sign_in("sales@vschool.example", "x")
    account.close()
    assert refused.value.reason == Reason.KEY_REFUSED


def test_a_name_that_does_not_resolve_is_not_a_server_that_is_down(keys, tmp_path):
    """`.invalid` never resolves (RFC 6761): with a resolver it is no such host, without one no network."""
    account = Account(Settings(supabase_url="http://vschool.invalid", anon_key=keys.anon_key), tmp_path,
                      CredentialStore(MemoryKeyring()), retry=FAST_RETRY)
    with pytest.raises(OfflineError) as offline:
        account.sign_in("sales@vschool.example", "x")
    account.close()
    assert offline.value.reason in (Reason.UNKNOWN_HOST, Reason.NO_NETWORK)
    assert "vschool.invalid" in str(offline.value)


@pytest.mark.parametrize(("cause", "reason"), [
    (OSError(errno.ENETUNREACH, "Network is unreachable"), Reason.NO_NETWORK),
    (OSError(errno.EHOSTUNREACH, "No route to host"), Reason.NO_NETWORK),
    (socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution"), Reason.NO_NETWORK),
    (socket.gaierror(socket.EAI_NONAME, "Name or service not known"), Reason.UNKNOWN_HOST),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), Reason.NO_ANSWER),
], ids=["network-unreachable", "no-route", "no-resolver", "no-such-name", "refused"])
def test_the_socket_error_under_httpx_decides(cause, reason):
    """The errors a laptop without a network gets, chained as httpx chains them (its own from httpcore's, from the
    socket's): no test machine can be made to lose its network, so the chain is built as httpx builds it."""
    try:
        try:
            raise cause
        except OSError as exc:
            raise httpx.ConnectError(str(exc)) from exc
    except httpx.ConnectError as error:
        assert describe_transport_error(error, "https://abc.supabase.co")[0] == reason
