"""The rep's writes from the command line, as separate processes sharing settings, cache and keyring."""

from __future__ import annotations

import psycopg
import pytest

from tests.syncing import new_project
from tests.test_sync_cli import login, vschool


@pytest.fixture(scope="module")
def project(cluster, keys):
    project = new_project(cluster, keys)
    yield project
    project.server.stop()


def server(project, sql, params=()):
    with psycopg.connect(project.database.superuser_url, autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else []


def test_writes_pending_sync_resolve(project, sealed, tmp_path):
    assert login(project).returncode == 0
    assert vschool("sync").returncode == 0
    done = vschool("customers", "add", "--name", "ลูกค้า งานแฟร์", "--phone", "0811111111", "--source", "FB",
                   "--tag", "fair")
    assert done.returncode == 0, done.stderr
    lead = done.stdout.split()[1].rstrip(".")
    assert lead.startswith("local:")
    done = vschool("activity", "add", lead, "--kind", "call", "--text", "สนใจคอร์สแกงเขียวหวาน",
                   "--follow-up", "2026-12-03")
    assert done.returncode == 0, done.stderr
    activity = done.stdout.split()[1].rstrip(".")
    assert vschool("activity", "done", activity).returncode == 0
    done = vschool("pending")
    assert done.returncode == 0 and "new lead" in done.stdout and "pending" in done.stdout
    done = vschool("sync")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "changes sent" in done.stdout
    (real, tags), = server(project, "select id, tags from customers where full_name = 'ลูกค้า งานแฟร์'")
    assert tags == ["fair"]
    assert server(project, "select customer_id, done_at is not null from customer_activities where id = %s",
                  (activity,)) == [(real, True)]
    assert "Nothing waiting" in vschool("pending").stdout

    # The same field changed on the server and here: sync says so with its own exit code.
    server(project, "update customers set notes = 'theirs' where id = %s", (real,))
    assert vschool("customers", "edit", real, "--notes", "mine", "--add-tag", "vip-soon").returncode == 0
    done = vschool("sync")
    assert done.returncode == 6, done.stdout + done.stderr
    listed = vschool("pending").stdout
    assert "conflict" in listed and "theirs" in listed and "mine" in listed
    seq = next(line.split()[1] for line in listed.splitlines() if "conflict" in line and line.split()[1].isdigit())
    assert vschool("resolve", seq, "--mine").returncode == 0
    assert vschool("sync").returncode == 0
    assert server(project, "select notes, 'vip-soon' = any(tags) from customers where id = %s", (real,)) == \
        [("mine", True)]

    # A refused edit is kept, and can be discarded.
    other, = server(project, "select id from customers where assigned_employee_id is not null and assigned_employee_id "
                             "not in (select id from employees where email = 'sales@vschool.example') limit 1")[0]
    assert vschool("customers", "edit", other, "--notes", "not mine").returncode == 0
    assert vschool("sync").returncode == 6
    listed = vschool("pending").stdout
    assert "rejected" in listed and "another employee" in listed
    seq = next(line.split()[1] for line in listed.splitlines() if "rejected" in line and line.split()[1].isdigit())
    assert vschool("discard", seq).returncode == 0
    assert vschool("sync").returncode == 0


def test_import_a_thai_sheet_with_a_bom(project, sealed, tmp_path):
    assert login(project).returncode == 0
    assert vschool("sync").returncode == 0
    sheet = tmp_path / "fair.csv"
    sheet.write_text("ชื่อ-นามสกุล;เบอร์โทร;ไลน์;อีเมล;ที่มา\n"
                     "มานี มีนา;0822222222;;;FB\n"
                     ";0833333333;;;FB\n"
                     "ชูใจ ใจดี;;;;FB\n"
                     "ปิติ ยินดี;;piti-line;;XX\n"
                     "มานะ อดทน;0822222222;;mana@example.com;\n", encoding="utf-8-sig")
    done = vschool("customers", "import", str(sheet), "--source", "WI", "--tag", "fair-2026")
    assert done.returncode == 1, done.stdout + done.stderr  # some rows refused
    out = done.stdout
    assert "row 2: added" in out
    assert "row 3: refused: a name is required" in out
    assert "row 4: refused: a phone number, LINE id or e-mail is required" in out
    assert "row 5: refused: unknown source 'XX'" in out
    assert "row 6: warning: same phone as local:" in out and "row 6: added" in out
    assert "2 leads added, 3 refused" in out
    assert vschool("sync").returncode == 0
    rows = server(project, "select full_name, source, tags from customers where 'fair-2026' = any(tags) order by 1")
    assert rows == [("มานะ อดทน", "WI", ["fair-2026"]), ("มานี มีนา", "FB", ["fair-2026"])]


def test_logout_never_wipes_unsent_changes_without_being_told(project, sealed):
    assert login(project).returncode == 0
    assert vschool("sync").returncode == 0
    assert vschool("customers", "add", "--name", "ลูกค้า ยังไม่ส่ง", "--phone", "0822222222",
                   "--source", "WI").returncode == 0
    done = vschool("logout", "--wipe", "--yes")  # --yes alone is not enough for the rep's unsent work
    assert done.returncode == 1
    assert "1 change not yet sent to the server would be lost" in done.stderr
    assert "ลูกค้า ยังไม่ส่ง" in vschool("pending").stdout
    done = vschool("logout")  # kept: it goes after the next sign-in
    assert done.returncode == 0
    assert "The 1 change not yet sent to the server stays on this computer" in done.stdout
    assert login(project).returncode == 0
    assert vschool("sync").returncode == 0
    assert server(project, "select count(*) from customers where full_name = 'ลูกค้า ยังไม่ส่ง'") == [(1,)]

    assert vschool("customers", "add", "--name", "ลูกค้า ทิ้งได้", "--source", "WI",
                   "--phone", "0833333333").returncode == 0
    done = vschool("logout", "--wipe", "--yes", "--discard-changes")
    assert done.returncode == 0, done.stderr
    assert "Removed" in done.stdout
    assert server(project, "select count(*) from customers where full_name = 'ลูกค้า ทิ้งได้'") == [(0,)]
