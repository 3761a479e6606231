"""The list reads of cache/queries.py over a real cache filled the way the sync fills it (apply_page)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cache import queries
from cache.queries import ListQuery
from cache.store import CacheStore
from cache.tables import BY_NAME

UTC = dt.UTC


def row(table: str, ident: str, **values: Any) -> dict[str, Any]:
    """A row as the server sends it: every column present, unset ones null."""
    out: dict[str, Any] = dict.fromkeys(BY_NAME[table].column_names)
    out.update(id=ident, created_at="2026-01-01T00:00:00+00:00", updated_at="2026-01-01T00:00:00+00:00", txid=1)
    out.update(values)
    return out


CUSTOMERS = [
    row("customers", "TVS-CUS-FB-26-0001", full_name="สมชาย ใจดี", nickname="ต้น", phone="081-234-5678",
        line_id="somchai.jai", source="FB", segment="vip", tags=["ลูกค้าประจำ", "ชอบเผ็ด"],
        assigned_employee_id="TVS-EMP-0001", acquired_campaign_id="TVS-CMP-FB-26-001",
        created_at="2026-03-01T10:00:00+00:00"),
    row("customers", "TVS-CUS-LN-26-0002", full_name="สมหญิง รักไทย", nickname="บี", phone="+66 89 765 4321",
        email="somying@example.com", source="LN", segment="active", tags=["vegan"],
        assigned_employee_id="TVS-EMP-0002", created_at="2026-02-01T10:00:00+00:00"),
    row("customers", "TVS-CUS-GG-26-0003", full_name="Charlotte Smith", nickname="Lottie", phone="+44 7700 900123",
        email="charlotte.smith@example.org", source="GG", segment="new", tags=["tourist", "vegan"],
        created_at="2026-04-01T10:00:00+00:00"),
    row("customers", "TVS-CUS-WI-26-0004", full_name="John O'Brien", phone="0898765432", email="john_ob@example.net",
        source="WI", segment="lead", tags=[], assigned_employee_id="TVS-EMP-0001",
        created_at="2026-01-15T10:00:00+00:00"),
    row("customers", "TVS-CUS-RF-26-0005", full_name="Zoe 100% (Jo)", nickname="Jo", source="RF", segment="lead",
        line_id="zoe_jo", tags=["group"], created_at="2026-01-20T10:00:00+00:00"),
    row("customers", "TVS-CUS-FB-26-0006", full_name="วิชัย ศรีสุข", phone="091-111-2222", source="FB",
        segment="dormant", assigned_employee_id="TVS-EMP-0002", created_at="2026-03-15T10:00:00+00:00"),
]
EMPLOYEES = [
    row("employees", "TVS-EMP-0001", full_name="ประเสริฐ มั่นคง", nickname="เก่ง", role="sales", active=True),
    row("employees", "TVS-EMP-0002", full_name="Anong Wong", role="manager", active=True),
    row("employees", "TVS-EMP-0003", full_name="Old Timer", role="sales", active=False),
]
PRODUCTS = [
    row("products", "TVS-CRS-0001", category="course", name_th="คลาสต้มยำกุ้ง", name_en="Tom Yum Class",
        description_en="Hot and sour soup", price_thb=1500.0, active=True, sort_order=1),
    row("products", "TVS-CRS-0002", category="course", name_th="คลาสแกงเขียวหวาน", name_en="Green Curry Class",
        price_thb=1800.0, active=True, sort_order=2),
    row("products", "TVS-EQT-0001", category="cooking_eqt", name_th="ครกหิน", name_en="Stone Mortar",
        price_thb=900.0, active=False, sort_order=1),
]
CAMPAIGNS = [
    row("campaigns", "TVS-CMP-FB-26-001", platform="facebook", name="Songkran promo", status="active"),
    row("campaigns", "TVS-CMP-GG-26-001", platform="google", name="Search tourists", status="paused"),
]
AD_SETS = [
    row("ad_sets", "TVS-ADS-00001", campaign_id="TVS-CMP-FB-26-001", name="Bangkok 25-40", status="active"),
    row("ad_sets", "TVS-ADS-00002", campaign_id="TVS-CMP-GG-26-001", name="Tourists EN", status="active"),
]
ADS = [
    row("ads", "TVS-AD-00001", ad_set_id="TVS-ADS-00001", name="Video tom yum", status="active"),
    row("ads", "TVS-AD-00002", ad_set_id="TVS-ADS-00002", name="Carousel", status="paused"),
]
ORDERS = [
    # 2026-04-30 17:30 UTC is already 1 May in Bangkok; 16:59 is still 30 April.
    row("orders", "TVS-ORD-26-000001", customer_id="TVS-CUS-FB-26-0001", employee_id="TVS-EMP-0001", status="paid",
        channel="line", campaign_id="TVS-CMP-FB-26-001", total_thb=3000.0, created_at="2026-04-30T17:30:00+00:00"),
    row("orders", "TVS-ORD-26-000002", customer_id="TVS-CUS-FB-26-0001", employee_id="TVS-EMP-0002",
        status="pending", channel="walk_in", total_thb=1500.0, created_at="2026-04-30T16:59:00+00:00"),
    row("orders", "TVS-ORD-26-000003", customer_id="TVS-CUS-GG-26-0003", status="paid", channel="website",
        total_thb=1800.0, created_at="2026-05-02T03:00:00.123456+00:00"),
]
ORDER_ITEMS = [
    row("order_items", "TVS-ORD-26-000001:1", order_id="TVS-ORD-26-000001", product_id="TVS-CRS-0001", qty=2),
    row("order_items", "TVS-ORD-26-000003:1", order_id="TVS-ORD-26-000003", product_id="TVS-CRS-0002", qty=1),
]


@pytest.fixture
def store(tmp_path):
    s = CacheStore(tmp_path / "c")
    for table, rows in [("employees", EMPLOYEES), ("products", PRODUCTS), ("customers", CUSTOMERS),
                        ("campaigns", CAMPAIGNS), ("ad_sets", AD_SETS), ("ads", ADS), ("orders", ORDERS),
                        ("order_items", ORDER_ITEMS)]:
        s.apply_page(table, rows, None)
    yield s
    s.close()


@pytest.fixture
def conn(store):
    return store.conn


def ids(conn, q: ListQuery) -> list[str]:
    """All ids of a list, checking on the way that the count agrees with the rows."""
    found = [r["id"] for r in queries.page(conn, q, 0, 1000)]
    assert queries.count(conn, q) == len(found)
    return found


def search(conn, text: str, entity: str = "customers", **filters: Any) -> set[str]:
    return set(ids(conn, ListQuery(entity, search=text, filters=filters)))


# --- paging and sorting ---------------------------------------------------------------------------------------

def test_pages_cover_the_list_once_in_order(store, conn):
    store.apply_page("customers", [row("customers", f"TVS-CUS-XX-26-{n:04d}", full_name="Same Name")
                                   for n in range(100, 123)], None)
    q = ListQuery("customers")
    everything = queries.page(conn, q, 0, 1000)
    assert len(everything) == queries.count(conn, q) == 29
    names = [r["full_name"] for r in everything]
    assert names == sorted(names)
    pages = [queries.page(conn, q, offset, 5) for offset in range(0, 30, 5)]
    assert [r["id"] for p in pages for r in p] == [r["id"] for r in everything]
    assert [len(p) for p in pages] == [5, 5, 5, 5, 5, 4]
    assert queries.page(conn, q, 29, 5) == []
    # The ties keep their order from one call to the next.
    assert [r["id"] for r in queries.page(conn, q, 3, 10)] == [r["id"] for r in everything[3:13]]


@pytest.mark.parametrize(("entity", "sort", "key"), [
    ("customers", "full_name", lambda r: r["full_name"]),
    ("customers", "created_at", lambda r: r["created_at"]),
    ("customers", "id", lambda r: r["id"]),
    ("orders", "total_thb", lambda r: r["total_thb"]),
    ("orders", "created_at", lambda r: r["created_at"]),
    ("products", "price_thb", lambda r: r["price_thb"]),
    ("products", "name_en", lambda r: r["name_en"]),
    ("employees", "full_name", lambda r: r["full_name"]),
])
@pytest.mark.parametrize("descending", [False, True])
def test_sorting(conn, entity, sort, key, descending):
    rows = queries.page(conn, ListQuery(entity, sort=sort, descending=descending), 0, 100)
    assert [key(r) for r in rows] == sorted((key(r) for r in rows), reverse=descending)
    assert len(rows) == queries.count(conn, ListQuery(entity))


def test_default_sorts(conn):
    assert ids(conn, ListQuery("customers"))[:2] == ["TVS-CUS-GG-26-0003", "TVS-CUS-WI-26-0004"]  # by full_name
    assert ids(conn, ListQuery("products", filters={"category": "course"})) == ["TVS-CRS-0001", "TVS-CRS-0002"]
    assert ids(conn, ListQuery("orders", descending=True))[0] == "TVS-ORD-26-000003"  # newest first


def test_page_bounds(conn):
    assert queries.page(conn, ListQuery("customers"), 0, 0) == []
    with pytest.raises(ValueError):
        queries.page(conn, ListQuery("customers"), -1, 10)


# --- filters --------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("entity", "filters", "expected"), [
    ("customers", {"segment": "lead"}, {"TVS-CUS-WI-26-0004", "TVS-CUS-RF-26-0005"}),
    ("customers", {"source": "FB"}, {"TVS-CUS-FB-26-0001", "TVS-CUS-FB-26-0006"}),
    ("customers", {"tag": "vegan"}, {"TVS-CUS-LN-26-0002", "TVS-CUS-GG-26-0003"}),
    ("customers", {"tag": "ชอบเผ็ด"}, {"TVS-CUS-FB-26-0001"}),
    ("customers", {"tag": "vega"}, set()),  # a whole tag, not part of one
    ("customers", {"assigned_employee_id": "TVS-EMP-0001"}, {"TVS-CUS-FB-26-0001", "TVS-CUS-WI-26-0004"}),
    ("customers", {"assigned_employee_id": None}, {"TVS-CUS-GG-26-0003", "TVS-CUS-RF-26-0005"}),
    ("customers", {"acquired_campaign_id": "TVS-CMP-FB-26-001"}, {"TVS-CUS-FB-26-0001"}),
    ("customers", {"segment": "lead", "tag": "group"}, {"TVS-CUS-RF-26-0005"}),
    ("orders", {"status": "paid"}, {"TVS-ORD-26-000001", "TVS-ORD-26-000003"}),
    ("orders", {"customer_id": "TVS-CUS-FB-26-0001"}, {"TVS-ORD-26-000001", "TVS-ORD-26-000002"}),
    ("orders", {"employee_id": "TVS-EMP-0002"}, {"TVS-ORD-26-000002"}),
    ("orders", {"channel": "website"}, {"TVS-ORD-26-000003"}),
    ("orders", {"campaign_id": "TVS-CMP-FB-26-001"}, {"TVS-ORD-26-000001"}),
    ("orders", {"date_from": "2026-05-01"}, {"TVS-ORD-26-000001", "TVS-ORD-26-000003"}),
    ("orders", {"date_to": "2026-04-30"}, {"TVS-ORD-26-000002"}),
    ("orders", {"date_from": dt.date(2026, 5, 1), "date_to": dt.date(2026, 5, 1)}, {"TVS-ORD-26-000001"}),
    ("orders", {"date_from": "2026-05-02", "date_to": "2026-05-02"}, {"TVS-ORD-26-000003"}),
    ("order_items", {"order_id": "TVS-ORD-26-000001"}, {"TVS-ORD-26-000001:1"}),
    ("products", {"category": "course"}, {"TVS-CRS-0001", "TVS-CRS-0002"}),
    ("products", {"active": False}, {"TVS-EQT-0001"}),
    ("employees", {"role": "sales"}, {"TVS-EMP-0001", "TVS-EMP-0003"}),
    ("employees", {"role": "sales", "active": True}, {"TVS-EMP-0001"}),
    ("campaigns", {"platform": "google"}, {"TVS-CMP-GG-26-001"}),
    ("campaigns", {"status": "active"}, {"TVS-CMP-FB-26-001"}),
    ("ad_sets", {"campaign_id": "TVS-CMP-FB-26-001"}, {"TVS-ADS-00001"}),
    ("ads", {"ad_set_id": "TVS-ADS-00002"}, {"TVS-AD-00002"}),
    ("ads", {"status": "active"}, {"TVS-AD-00001"}),
])
def test_filters(conn, entity, filters, expected):
    assert set(ids(conn, ListQuery(entity, filters=filters))) == expected


def test_bangkok_days_start_at_midnight_bangkok_time(store, conn):
    store.apply_page("orders", [
        row("orders", "midnight", created_at="2026-05-31T17:00:00+00:00"),  # 1 June 00:00 in Bangkok
        row("orders", "just-before", created_at="2026-05-31T16:59:59.999999+00:00"),
        row("orders", "just-after", created_at="2026-05-31T17:00:00.000001+00:00"),
    ], None)
    assert set(ids(conn, ListQuery("orders", filters={"date_from": "2026-06-01"}))) == {"midnight", "just-after"}
    assert set(ids(conn, ListQuery("orders", filters={"date_from": "2026-05-31", "date_to": "2026-05-31"}))) == {
        "just-before"}


# --- search ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("สมชาย", {"TVS-CUS-FB-26-0001"}),
    ("มชา", {"TVS-CUS-FB-26-0001"}),  # inside a Thai word
    ("ญิง", {"TVS-CUS-LN-26-0002"}),
    ("รักไทย", {"TVS-CUS-LN-26-0002"}),
    ("ศรีสุข", {"TVS-CUS-FB-26-0006"}),
    ("ลูกค้าประจำ", {"TVS-CUS-FB-26-0001"}),  # a tag
    ("vegan", {"TVS-CUS-LN-26-0002", "TVS-CUS-GG-26-0003"}),
    ("CHARLOTTE", {"TVS-CUS-GG-26-0003"}),
    ("charl", {"TVS-CUS-GG-26-0003"}),
    ("lottie", {"TVS-CUS-GG-26-0003"}),  # nickname
    ("somchai.jai", {"TVS-CUS-FB-26-0001"}),  # LINE id
    ("@example.net", {"TVS-CUS-WI-26-0004"}),
    ("CUS-WI", {"TVS-CUS-WI-26-0004"}),  # id
    ("no such person", set()),
])
def test_search_customers(conn, text, expected):
    assert search(conn, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("081-234-5678", {"TVS-CUS-FB-26-0001"}),
    ("0812345678", {"TVS-CUS-FB-26-0001"}),
    ("081 234", {"TVS-CUS-FB-26-0001"}),
    ("2345678", {"TVS-CUS-FB-26-0001"}),
    ("089-876-5432", {"TVS-CUS-WI-26-0004"}),  # stored without dashes
    ("0897654321", {"TVS-CUS-LN-26-0002"}),  # stored as +66 89 765 4321
    ("+66 89 765", {"TVS-CUS-LN-26-0002"}),
    ("+66 81 234", {"TVS-CUS-FB-26-0001"}),  # stored as 081-234-5678
    ("900123", {"TVS-CUS-GG-26-0003"}),
])
def test_search_phone_numbers(conn, text, expected):
    assert search(conn, text) == expected


def test_a_phone_search_is_the_digits_typed_in_order_without_a_guessed_country_code(store, conn):
    landline = row("customers", "TVS-CUS-WI-26-0098", full_name="Landline", phone="02-098-1234", source="WI",
                   segment="lead", tags=[])
    mobile = row("customers", "TVS-CUS-WI-26-0099", full_name="Mobile", phone="+66 98 111 2222", source="WI",
                 segment="lead", tags=[])
    written_nationally = row("customers", "TVS-CUS-WI-26-0100", full_name="National", phone="098-333-4444",
                             source="WI", segment="lead", tags=[])
    store.apply_page("customers", [landline, mobile, written_nationally], None)
    added = {"0098": landline["id"], "0099": mobile["id"], "0100": written_nationally["id"]}
    # "6698" is +66 98…, or 6698 somewhere in a number: never every number holding 098.
    assert search(conn, "6698") == {added["0099"], added["0100"]}
    assert search(conn, "+66 98") == {added["0099"], added["0100"]}
    assert search(conn, "098") == set(added.values())  # 098 as typed, wherever it is
    assert search(conn, "0981") == {added["0099"], added["0098"]}  # +66 98 1…, and 02-0981-234 as typed
    assert search(conn, "0981234") == {added["0098"]}  # 02-098-1234, in order
    assert search(conn, "+66 2098") == {added["0098"]}


@pytest.mark.parametrize(("text", "expected"), [
    ("บี", {"TVS-CUS-LN-26-0002"}),  # a two-letter nickname: no trigram, LIKE finds it
    ("ต้", {"TVS-CUS-FB-26-0001"}),
    ("ญิ", {"TVS-CUS-LN-26-0002"}),  # inside a word
    ("ศ", {"TVS-CUS-FB-26-0006"}),
    ("jo", {"TVS-CUS-WI-26-0004", "TVS-CUS-RF-26-0005"}),
    ("JO", {"TVS-CUS-WI-26-0004", "TVS-CUS-RF-26-0005"}),
    ("z", {"TVS-CUS-RF-26-0005"}),
    ("78", {"TVS-CUS-FB-26-0001"}),  # the end of a phone number
    ("12", {"TVS-CUS-FB-26-0001", "TVS-CUS-GG-26-0003", "TVS-CUS-FB-26-0006"}),  # 081-2... and 091-111-2222
])
def test_search_one_or_two_characters(conn, text, expected):
    assert search(conn, text) == expected


def test_search_with_filters(conn):
    assert search(conn, "สม") == {"TVS-CUS-FB-26-0001", "TVS-CUS-LN-26-0002"}
    assert search(conn, "สม", segment="vip") == {"TVS-CUS-FB-26-0001"}
    assert search(conn, "example", tag="vegan") == {"TVS-CUS-LN-26-0002", "TVS-CUS-GG-26-0003"}
    assert search(conn, "example", tag="vegan", source="GG") == {"TVS-CUS-GG-26-0003"}
    q = ListQuery("customers", search="example", sort="created_at", descending=True)
    assert ids(conn, q) == ["TVS-CUS-GG-26-0003", "TVS-CUS-LN-26-0002", "TVS-CUS-WI-26-0004"]


@pytest.mark.parametrize("text", ['"', '""', '"สม', 'a"b"c', "'", "%", "_", "%%", "__", "*", "***", "(", ")", "()",
                                  "(Jo)", "a AND b", "NEAR(a b)", "x OR", "-", "^abc", "col:abc", "\\", "\\%",
                                  "{id}: x", "+", "+ -", "   "])
def test_search_special_characters_never_raise(conn, text):
    for entity in ("customers", "orders", "products", "employees", "campaigns", "ad_sets", "ads"):
        q = ListQuery(entity, search=text)
        assert queries.count(conn, q) == len(queries.page(conn, q, 0, 100))


@pytest.mark.parametrize(("text", "expected"), [
    ("%", {"TVS-CUS-RF-26-0005"}),  # literally, not "anything"
    ("0%", {"TVS-CUS-RF-26-0005"}),
    ("100%", {"TVS-CUS-RF-26-0005"}),
    ("_", {"TVS-CUS-RF-26-0005", "TVS-CUS-WI-26-0004"}),  # zoe_jo, john_ob
    ("n_o", {"TVS-CUS-WI-26-0004"}),
    ("(Jo)", {"TVS-CUS-RF-26-0005"}),
    ("'", {"TVS-CUS-WI-26-0004"}),
    ("O'Brien", {"TVS-CUS-WI-26-0004"}),
    ("*", set()),
])
def test_special_characters_are_literal(conn, text, expected):
    assert search(conn, text) == expected


@pytest.mark.parametrize("invisible", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u2060"])
def test_invisible_characters_are_not_searched_for(conn, invisible):
    """Pasted from a chat or a spreadsheet, a Thai name often carries zero-width spaces between its words."""
    assert search(conn, f"สม{invisible}ชาย") == {"TVS-CUS-FB-26-0001"}  # the trigram index
    assert search(conn, f"{invisible}ใจดี{invisible}") == {"TVS-CUS-FB-26-0001"}
    assert search(conn, f"บ{invisible}ี") == {"TVS-CUS-LN-26-0002"}  # one or two characters: LIKE
    assert search(conn, f"Jo{invisible}", "employees") == set()
    assert search(conn, f"Ano{invisible}ng", "employees") == {"TVS-EMP-0002"}
    assert search(conn, invisible * 3) == search(conn, "")  # nothing typed but the invisible: no search


@pytest.fixture
def accented(store, conn):
    store.apply_page("customers", [row("customers", "TVS-CUS-WB-26-0007", full_name="Émile Ödegård",
                                       nickname="Жора", source="WB", segment="lead", tags=[])], None)
    return conn


@pytest.mark.parametrize("text", [
    "Émile", "ÉMILE", "émile", "E\u0301mile",  # the last decomposed, as some keyboards type it
    "Ödegård", "ödegÅrd", "o\u0308de",
    "Жора", "жОРА",
    "É", "é", "e\u0301", "Ö", "ö", "ж", "Ж", "жо", "ÉM", "ém",  # one or two characters: LIKE, folded too
])
def test_queries_are_composed_and_fold_case_on_both_paths(accented, text):
    assert search(accented, text) == {"TVS-CUS-WB-26-0007"}


def test_a_query_is_normalised_once_for_everyone():
    assert queries.search_text("  \u200bสม\u200cชาย\ufeff ") == "สมชาย"
    assert queries.search_text("e\u0301") == "é"
    assert len(queries.search_text("ก" * 50_000)) == queries.SEARCH_MAX_CHARS


@pytest.mark.parametrize("text", ["a" * 50_000, "ก" * 50_000, "%_" * 25_000, "สมชาย " * 9_000, "É" * 50_000])
def test_a_50_kb_query_is_bounded_in_every_list(conn, text):
    """SQLite refuses LIKE patterns over 50,000 bytes ("LIKE or GLOB pattern too complex"): the query is cut
    to a length no field is searched by."""
    for entity in ("customers", "orders", "products", "employees", "campaigns", "ad_sets", "ads"):
        q = ListQuery(entity, search=text)
        assert queries.count(conn, q) == len(queries.page(conn, q, 0, 100))
    assert search(conn, "สมชาย " * 9_000) == set()  # "สมชาย สมชาย …" is nobody's name


def test_search_follows_changes(store, conn):
    store.apply_page("customers", [{**CUSTOMERS[0], "full_name": "สมศักดิ์ ใจดี", "txid": 2}], None)
    assert search(conn, "สมชาย") == set()
    assert search(conn, "สมศักดิ์") == {"TVS-CUS-FB-26-0001"}
    store.apply_page("customers", [{**CUSTOMERS[2], "deleted_at": "2026-05-01T00:00:00+00:00", "txid": 3}], None)
    assert search(conn, "charlotte") == set()
    assert search(conn, "lo") == set()


def test_a_first_fill_searches_as_row_by_row_indexing_does(store, conn, tmp_path):
    """A pass into an empty table builds its search tables at its end (the short one's order index after its
    rows): they then find what the tables kept up page by page find, by one or two characters and by more."""
    filled = CacheStore(tmp_path / "filled")
    filled.begin_pass("customers", 10)
    filled.apply_page("customers", CUSTOMERS, (1, CUSTOMERS[-1]["id"]))
    filled.finish_pass("customers", "2026-11-20T00:00:00+00:00")
    try:
        assert filled.conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'customers_short_order'").fetchone()
        for text in ("lo", "ก", "สม", "charlotte", "สมชาย", "081"):
            assert search(filled.conn, text) == search(conn, text), text
        assert search(filled.conn, "lo")
    finally:
        filled.close()


def test_an_edit_outside_the_searched_text_leaves_the_index_as_it_was(store, conn):
    def index():
        return conn.execute("SELECT rowid, * FROM customers_search ORDER BY rowid").fetchall(), \
            conn.execute("SELECT * FROM customers_short ORDER BY rowid").fetchall()

    before = index()
    store.apply_page("customers", [{**CUSTOMERS[0], "notes": "called back", "txid": 2}], None)
    assert index() == before
    store.apply_page("customers", [{**CUSTOMERS[0], "nickname": "ต้อม", "txid": 3}], None)
    assert index() != before
    assert search(conn, "ต้อม") == {"TVS-CUS-FB-26-0001"}


@pytest.mark.parametrize(("text", "expected"), [
    ("000003", {"TVS-ORD-26-000003"}),
    ("สมชาย", {"TVS-ORD-26-000001", "TVS-ORD-26-000002"}),  # the customer's name
    ("081-234", {"TVS-ORD-26-000001", "TVS-ORD-26-000002"}),  # the customer's phone
    ("smith", {"TVS-ORD-26-000003"}),
    ("ต้", {"TVS-ORD-26-000001", "TVS-ORD-26-000002"}),  # nickname, by LIKE
    ("03", {"TVS-ORD-26-000003"}),
    ("example.org", set()),  # not by e-mail
])
def test_search_orders(conn, text, expected):
    assert search(conn, text, "orders") == expected


@pytest.mark.parametrize(("entity", "text", "expected"), [
    ("products", "ต้มยำ", {"TVS-CRS-0001"}),
    ("products", "curry", {"TVS-CRS-0002"}),
    ("products", "sour", {"TVS-CRS-0001"}),  # description
    ("products", "คร", {"TVS-EQT-0001"}),
    ("products", "EQT", {"TVS-EQT-0001"}),
    ("employees", "เก่ง", {"TVS-EMP-0001"}),
    ("employees", "wo", {"TVS-EMP-0002"}),
    ("campaigns", "songkran", {"TVS-CMP-FB-26-001"}),
    ("ad_sets", "tourists", {"TVS-ADS-00002"}),
    ("ads", "tom yum", {"TVS-AD-00001"}),
])
def test_search_other_lists(conn, entity, text, expected):
    assert search(conn, text, entity) == expected


def test_products_search_with_filter(conn):
    assert search(conn, "class", "products", active=True) == {"TVS-CRS-0001", "TVS-CRS-0002"}
    assert search(conn, "class", "products", category="cooking_eqt") == set()


# --- single rows and drop-downs -------------------------------------------------------------------------------

def test_get_decodes_like_the_documents(conn):
    assert queries.get(conn, "customers", "TVS-CUS-FB-26-0001") == CUSTOMERS[0]  # tags a list again
    assert queries.get(conn, "customers", "TVS-CUS-WI-26-0004") == CUSTOMERS[3]  # an empty list stays one
    assert queries.get(conn, "products", "TVS-EQT-0001") == PRODUCTS[2]  # active False, not 0
    assert queries.get(conn, "employees", "TVS-EMP-0001") == EMPLOYEES[0]
    assert queries.get(conn, "customers", "TVS-CUS-XX-00-0000") is None


def test_names_of_related_rows_in_one_query(conn):
    wanted = {"TVS-CUS-FB-26-0001", "TVS-CUS-WI-26-0004", "TVS-CUS-XX-00-0000"}
    assert queries.names(conn, "customers", "full_name", wanted) == {
        c["id"]: c["full_name"] for c in CUSTOMERS if c["id"] in wanted}  # the one not cached is left out
    with pytest.raises(ValueError, match="no column"):
        queries.names(conn, "customers", "full_name FROM customers; --", wanted)


def test_pages_decode_too(conn):
    rows = queries.page(conn, ListQuery("customers", filters={"tag": "vegan"}, sort="id"), 0, 10)
    assert [r["tags"] for r in rows] == [["tourist", "vegan"], ["vegan"]]
    assert all(r["active"] is True for r in queries.page(conn, ListQuery("products", filters={"active": True}), 0, 9))


def test_a_customer_profile(conn):
    """The profile's parts: the row, its orders newest first, an order's items."""
    customer = queries.get(conn, "customers", "TVS-CUS-FB-26-0001")
    assert customer is not None
    orders = queries.page(conn, ListQuery("orders", filters={"customer_id": customer["id"]}, sort="created_at",
                                          descending=True), 0, 50)
    assert [o["id"] for o in orders] == ["TVS-ORD-26-000001", "TVS-ORD-26-000002"]
    items = queries.page(conn, ListQuery("order_items", filters={"order_id": orders[0]["id"]}), 0, 50)
    assert [(i["product_id"], i["qty"]) for i in items] == [("TVS-CRS-0001", 2)]


def test_facets(conn):
    assert queries.facets(conn, "customers", "segment") == [
        ("lead", 2), ("active", 1), ("dormant", 1), ("new", 1), ("vip", 1)]
    assert queries.facets(conn, "customers", "tags") == [
        ("vegan", 2), ("group", 1), ("tourist", 1), ("ชอบเผ็ด", 1), ("ลูกค้าประจำ", 1)]
    assert queries.facets(conn, "customers", "assigned_employee_id") == [
        (None, 2), ("TVS-EMP-0001", 2), ("TVS-EMP-0002", 2)]
    assert queries.facets(conn, "orders", "status") == [("paid", 2), ("pending", 1)]
    assert queries.facets(conn, "products", "category") == [("course", 2), ("cooking_eqt", 1)]


# --- freshness ------------------------------------------------------------------------------------------------

def test_freshness(store, conn):
    store.begin_pass("customers", 10)
    store.finish_pass("customers", "2026-05-01T03:00:00+00:00")
    store.record_error("orders", "timed out", "2026-05-01T03:05:00+00:00")
    store.begin_pass("products", 10)
    fresh = queries.freshness(conn)
    assert set(fresh) == set(BY_NAME)
    assert fresh["customers"] == queries.TableFreshness(
        "customers", "2026-05-01T03:00:00+00:00", len(CUSTOMERS), None, None, False)
    assert fresh["orders"].last_error == "timed out"
    assert fresh["orders"].last_error_at == "2026-05-01T03:05:00+00:00"
    assert fresh["orders"].last_synced_at is None
    assert fresh["products"].in_pass
    assert not fresh["orders"].in_pass


def test_server_now_uses_the_measured_clock_offset(store, conn):
    local = dt.datetime(2026, 5, 1, 3, 0, tzinfo=UTC)
    assert queries.server_now(conn, local) == local  # never synced: the local clock is all there is
    store.set_meta(clock_offset="-125.500")  # the laptop is two minutes fast
    assert queries.server_now(conn, local) == local - dt.timedelta(seconds=125.5)
    assert abs(queries.server_now(conn) - (dt.datetime.now(UTC) - dt.timedelta(seconds=125.5))) < dt.timedelta(
        seconds=5)


# --- names from the whitelists only ---------------------------------------------------------------------------

@pytest.mark.parametrize("call", [
    lambda c: queries.page(c, ListQuery("customers", sort="notes"), 0, 10),
    lambda c: queries.page(c, ListQuery("customers", sort="full_name; DROP TABLE customers"), 0, 10),
    lambda c: queries.count(c, ListQuery("customers", filters={"notes": "x"})),
    lambda c: queries.count(c, ListQuery("customers", filters={"segment = segment OR 1": "x"})),
    lambda c: queries.count(c, ListQuery("sync_state")),
    lambda c: queries.count(c, ListQuery("order_items", search="x")),
    lambda c: queries.count(c, ListQuery("products", filters={"active": "false"})),
    lambda c: queries.count(c, ListQuery("orders", filters={"date_from": "yesterday"})),
    lambda c: queries.get(c, "json_journal", "x"),
    lambda c: queries.facets(c, "customers", "notes"),
])
def test_unknown_names_are_refused(conn, call):
    with pytest.raises(ValueError):
        call(conn)
    assert queries.count(conn, ListQuery("customers")) == len(CUSTOMERS)


@pytest.mark.parametrize(("q", "ident", "held"), [
    (ListQuery("customers"), "TVS-CUS-GG-26-0003", True),
    (ListQuery("customers", search="สม"), "TVS-CUS-GG-26-0003", False),  # one or two characters
    (ListQuery("customers", search="สมชาย"), "TVS-CUS-FB-26-0001", True),  # the trigram index
    (ListQuery("customers", search="สมชาย"), "TVS-CUS-LN-26-0002", False),
    (ListQuery("customers", filters={"assigned_employee_id": "TVS-EMP-0001"}), "TVS-CUS-WI-26-0004", True),
    (ListQuery("customers", filters={"assigned_employee_id": "TVS-EMP-0001"}), "TVS-CUS-GG-26-0003", False),
    (ListQuery("orders", search="Charlotte"), "TVS-ORD-26-000003", True),
    (ListQuery("customers"), "no-such-id", False),
])
def test_contains_agrees_with_the_list(conn, q, ident, held):
    assert queries.contains(conn, q, ident) is held is (ident in ids(conn, q))


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("sort", queries.ENTITIES["customers"].sorts)
@pytest.mark.parametrize(("search", "filters"), [("", {}), ("สม", {}), ("สมชาย", {}), ("", {"segment": "lead"})])
def test_position_is_the_row_the_list_shows_a_record_on(conn, sort, descending, search, filters):
    """Ties (segments, sources), NULLs (nicknames, phones) and the narrow table of a short search included."""
    every = [r["id"] for r in queries.page(conn, ListQuery("customers"), 0, 1000)]
    q = ListQuery("customers", search=search, filters=filters, sort=sort, descending=descending)
    listed = ids(conn, q)
    assert [queries.position(conn, q, ident) for ident in every] == [
        listed.index(ident) if ident in listed else None for ident in every]
