"""The reads behind the application's lists: counts, pages, single rows, filter drop-downs and freshness.

Everything is done in SQL over the caller's connection, so a list of 100,000 customers costs one page of rows
in memory. Table and column names only ever come from the whitelists below; values are always bound.

Search (DESIGN.md §4): three characters or more go through the FTS5 trigram index (Thai has no spaces between
words, trigrams find any substring); one or two characters cannot make a trigram and fall back to LIKE on the
table. Results keep the list's sort order rather than a relevance rank, so the list does not reshuffle when the
third keystroke switches from LIKE to the index, and the LIKE results (which have no rank) sort the same way.

What is typed is normalised first (`search_text`): characters that are invisible (a zero-width space pasted from
a chat, a byte-order mark) are dropped, the text is composed (NFC) as the data is, and it is cut to
SEARCH_MAX_CHARS, since no field is searched for by more than a line and SQLite refuses LIKE patterns of 50 kB.
Both paths ignore case alike: the trigram index folds it itself, and LIKE, which folds only ASCII, compares
`search_fold` of both sides when the query holds other letters that have a case.

What that costs over 100,000 customers (bench/cache_queries.py): from three characters on, a keystroke's count
and first page take a few milliseconds; one or two characters scan the whole table (up to about 230 ms), which no
index of the current schema can avoid.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import unicodedata
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from cache import meta, outbox, phones
from cache.documents import BANGKOK, DECODERS
from cache.schema import SHORT_SEARCHES, ShortSearch
from cache.tables import BY_NAME

Clause = tuple[str, list[Any]]  # an SQL condition and its bound values
Filter = Callable[[Any], Clause]
Search = Callable[[str], Clause]

MIN_TRIGRAM = 3
SEARCH_MAX_CHARS = 200
# Zero-width space, non-joiner and joiner, word joiner, byte-order mark: invisible, and never in what is searched.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# In a listed row of a record with changes waiting for the server: their state (cache.outbox.waiting_states).
CHANGE_STATE = "change_state"
_FOLD = "search_fold"  # the SQL function LIKE compares through when the query has non-ASCII letters with a case


# --- filters --------------------------------------------------------------------------------------------------

def _equals(table: str, column: str) -> Filter:
    """None selects the rows without a value (e.g. customers assigned to nobody)."""
    def clause(value: Any) -> Clause:
        return (f"{table}.{column} IS NULL", []) if value is None else (f"{table}.{column} = ?", [value])
    return clause


def _flag(table: str, column: str) -> Filter:
    """Booleans are 0/1 in SQLite; anything but a bool is refused, as "false" would otherwise select True."""
    def clause(value: Any) -> Clause:
        if not isinstance(value, bool):
            raise ValueError(f"{column} filters on True or False, not {value!r}")
        return f"{table}.{column} = ?", [int(value)]
    return clause


def _tag(table: str, column: str) -> Filter:
    """The tag as a whole element of the JSON array. The instr() test only skips rows whose text cannot hold
    the tag, so json_each (exact, but slow) runs on the few rows that can."""
    def clause(value: Any) -> Clause:
        return (f"instr({table}.{column}, json_quote(?)) > 0 AND EXISTS "
                f"(SELECT 1 FROM json_each({table}.{column}) WHERE json_each.value = ?)", [value, value])
    return clause


def _bangkok_midnight(day: dt.date | str, days_later: int = 0) -> str:
    """The start of a Bangkok day as the server writes timestamps (UTC, ISO 8601), so that the comparison is a
    plain string comparison that can use the created_at index."""
    day = dt.date.fromisoformat(day) if isinstance(day, str) else day
    start = dt.datetime.combine(day + dt.timedelta(days=days_later), dt.time(), BANGKOK)
    return start.astimezone(dt.UTC).isoformat()


def _day_from(table: str, column: str) -> Filter:
    return lambda day: (f"{table}.{column} >= ?", [_bangkok_midnight(day)])


def _day_to(table: str, column: str) -> Filter:
    """Inclusive: everything before the next Bangkok midnight."""
    return lambda day: (f"{table}.{column} < ?", [_bangkok_midnight(day, days_later=1)])


# --- search ---------------------------------------------------------------------------------------------------

def fts_phrase(text: str) -> str:
    """An FTS5 string: inside double quotes every character is literal (*, :, parentheses, AND...)."""
    return '"' + text.replace('"', '""') + '"'


def search_text(text: str) -> str:
    """The search box's text as it is searched for (see the module's docstring)."""
    return unicodedata.normalize("NFC", text.translate(_INVISIBLE)).strip()[:SEARCH_MAX_CHARS].strip()


def _search_fold(value: str | None) -> str | None:
    return None if value is None else value.lower()


def _needs_fold(text: str) -> bool:
    """LIKE folds ASCII letters only: a query with other letters that have a case (é, Ä, Ж) compares folded."""
    return any(not c.isascii() and c.lower() != c.upper() for c in text)


def _like(column: str, text: str) -> Clause:
    """`column` holds `text` anywhere, in any case."""
    if _needs_fold(text):
        return f"{_FOLD}({column}) LIKE ? ESCAPE '\\'", [_like_pattern(text.lower())]
    return f"{column} LIKE ? ESCAPE '\\'", [_like_pattern(text)]


def name_filter(conn: sqlite3.Connection, column: str, search: str) -> Clause | None:
    """`column` holds the search box's text (normalised as every list's search is), for reads outside the
    lists (the marketing tree); None when nothing is searched for."""
    text = search_text(search)
    if not text:
        return None
    _with_fold(conn)
    return _like(column, text)


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _like_any(columns: list[str], text: str) -> Clause:
    clauses = [_like(c, text) for c in columns]
    return "(" + " OR ".join(sql for sql, _ in clauses) + ")", [v for _, values in clauses for v in values]


def _text_search(table: str, index: str, columns: tuple[str, ...], phone: str | None = None) -> Search:
    """Search `columns` of `table` through its trigram `index`; `phone` names the column holding a phone number
    (the index has it twice: as typed, and in its international form in `phone_intl`, cache/phones.py)."""
    def clause(text: str) -> Clause:
        forms = phones.query_forms(text) if phone else []
        if len(text) >= MIN_TRIGRAM:
            terms = [fts_phrase(text)] + [f"phone_intl : {fts_phrase(f)}" for f in forms
                                          if f != text and len(f) >= MIN_TRIGRAM]
            return (f"{table}.rowid IN (SELECT rowid FROM {index} WHERE {index} MATCH ?)", [" OR ".join(terms)])
        sql, values = _like_any([f"{table}.{c}" for c in columns], text)
        if phone and forms:
            intl_sql, intl_values = _like_any([phones.international_sql(f"{table}.{phone}")], forms[0])
            sql, values = f"({sql} OR {intl_sql})", values + intl_values
        return sql, values
    return clause


def _like_search(table: str, columns: tuple[str, ...]) -> Search:
    """For the small tables (staff, ads): LIKE at any length is quick enough without an index."""
    return lambda text: _like_any([f"{table}.{c}" for c in columns], text)


def _order_search(text: str) -> Clause:
    """An order by its id, or by its customer's name, nickname or phone."""
    if len(text) >= MIN_TRIGRAM:
        customers = ("SELECT id FROM customers WHERE rowid IN (SELECT rowid FROM customers_search "
                     "WHERE customers_search MATCH ?)")
        match = "{full_name nickname phone phone_intl} : " + fts_phrase(text)
        id_sql, id_values = _like("orders.id", text)
        return f"({id_sql} OR orders.customer_id IN ({customers}))", [*id_values, match]
    id_sql, id_values = _like("orders.id", text)
    names_sql, names = _like_any(["full_name", "nickname", "phone"], text)
    return (f"({id_sql} OR orders.customer_id IN (SELECT id FROM customers WHERE {names_sql}))",
            [*id_values, *names])


# --- entities -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Entity:
    table: str
    sorts: tuple[str, ...]  # the first is the default
    filters: Mapping[str, Filter] = field(default_factory=dict)
    search: Search | None = None
    facets: tuple[str, ...] = ()  # columns the filter drop-downs list values of
    tags: str | None = None  # a JSON array column, counted by element in facets

    @property
    def default_sort(self) -> str:
        return self.sorts[0]


def _entity(table: str, sorts: str, equals: str = "", flags: str = "", search: Search | None = None,
            facets: str = "", tags: str | None = None, **filters: Filter) -> Entity:
    """Space-separated column names: `equals` and `flags` become filters of the same name."""
    every = {c: _equals(table, c) for c in equals.split()} | {c: _flag(table, c) for c in flags.split()}
    if tags:
        every["tag"] = _tag(table, tags)
    return Entity(table, tuple(sorts.split()), every | filters, search, tuple(facets.split()), tags)


ENTITIES: dict[str, Entity] = {e.table: e for e in (
    _entity("customers", "full_name created_at updated_at id nickname segment source phone",
            equals="segment source assigned_employee_id acquired_campaign_id", tags="tags",
            facets="segment source assigned_employee_id",
            search=_text_search("customers", "customers_search",
                                ("id", "full_name", "nickname", "phone", "email", "line_id", "tags"), phone="phone")),
    _entity("orders", "created_at id total_thb status paid_at customer_id",
            equals="status customer_id employee_id channel campaign_id", facets="status channel",
            search=_order_search,
            date_from=_day_from("orders", "created_at"), date_to=_day_to("orders", "created_at")),
    _entity("order_items", "id product_id", equals="order_id product_id"),
    _entity("products", "sort_order name_th name_en price_thb category id", equals="category", flags="active",
            facets="category",
            search=_text_search("products", "products_search",
                                ("id", "name_th", "name_en", "description_th", "description_en"))),
    _entity("package_items", "id product_id", equals="package_id product_id"),
    _entity("employees", "full_name nickname role id", equals="role auth_user_id", flags="active", facets="role",
            search=_like_search("employees", ("id", "full_name", "nickname", "email", "phone"))),
    _entity("campaigns", "start_date name platform status daily_budget_thb end_date id", equals="platform status",
            facets="platform status", search=_like_search("campaigns", ("id", "name"))),
    _entity("ad_sets", "name status daily_budget_thb id", equals="campaign_id status", facets="status",
            search=_like_search("ad_sets", ("id", "name"))),
    _entity("ads", "name status creative_type id", equals="ad_set_id status creative_type",
            facets="status creative_type", search=_like_search("ads", ("id", "name"))),
)}


def _entity_named(name: str) -> Entity:
    if name not in ENTITIES:
        raise ValueError(f"unknown entity {name!r}; known: {', '.join(ENTITIES)}")
    return ENTITIES[name]


# --- lists ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ListQuery:
    """What a list view shows: an entity, the search box, the filter drop-downs and the sorted column."""

    entity: str
    search: str = ""
    filters: Mapping[str, Any] = field(default_factory=dict)
    sort: str | None = None  # None: the entity's default
    descending: bool = False


def _where(q: ListQuery) -> tuple[Entity, str, list[Any]]:
    entity = _entity_named(q.entity)
    conditions: list[str] = []
    values: list[Any] = []
    for name, value in q.filters.items():
        if name not in entity.filters:
            raise ValueError(f"{q.entity} cannot be filtered on {name!r}; known: {', '.join(entity.filters)}")
        sql, bound = entity.filters[name](value)
        conditions.append(sql)
        values += bound
    text = search_text(q.search)
    if text:
        if entity.search is None:
            raise ValueError(f"{q.entity} has no search")
        if _short(entity, text):
            sql, bound = _like("s.text", text)
            conditions.append(sql)
            values += bound
        else:
            sql, bound = entity.search(text)
            conditions.append(sql)
            values += bound
    return entity, (" WHERE " + " AND ".join(conditions)) if conditions else "", values


def _with_fold(conn: sqlite3.Connection) -> sqlite3.Connection:
    conn.create_function(_FOLD, 1, _search_fold, deterministic=True)
    return conn


def _short(entity: Entity, text: str) -> ShortSearch | None:
    """The narrow table that serves this search, for one or two characters (see cache.schema.ShortSearch)."""
    return SHORT_SEARCHES.get(entity.table) if 0 < len(text) < MIN_TRIGRAM else None


def _source(entity: Entity, q: ListQuery) -> str:
    """The FROM clause: the table, or the narrow search table joined to it for a short search."""
    if short := _short(entity, search_text(q.search)):
        return f"{short.name} s JOIN {entity.table} ON {entity.table}.rowid = s.rowid"
    return entity.table


def count(conn: sqlite3.Connection, q: ListQuery, *, cap: int | None = None) -> int:
    """The number of rows; with `cap`, counting stops at cap + 1 (a search matching half of 100,000 customers
    need not be counted to the last one to know it is "more than a thousand")."""
    entity, where, values = _where(q)
    if cap is None:
        sql = f"SELECT count(*) FROM {_source(entity, q)}{where}"
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM {_source(entity, q)}{where} LIMIT ?)"
        values = [*values, cap + 1]
    return int(_with_fold(conn).execute(sql, values).fetchone()[0])


def page(conn: sqlite3.Connection, q: ListQuery, offset: int, limit: int) -> list[dict[str, Any]]:
    """Rows `offset` to `offset + limit` in the list's order, decoded as the documents are (tags as lists,
    booleans as bool).

    Ties are broken by rowid, so that pages never overlap or skip a row. Not by id: every index already ends
    with the rowid, so `ORDER BY full_name, rowid` is read straight off the full_name index, while `full_name,
    id` has to look each row up and sort (a page at offset 90,000 takes 5 ms instead of 180 ms). Upserts keep
    a row's rowid, so the order is as stable as the id's. A short search sorted by the narrow table's key
    reads that table's index in order instead (the same order: the key is the column, the rowid the row's).

    A row whose record has changes of the rep's the server has not accepted carries their state under
    CHANGE_STATE (the list's badge), looked up for the page's rows only."""
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit cannot be negative")
    entity, where, values = _where(q)
    t = entity.table
    rows = _with_fold(conn).execute(
        f"SELECT {t}.* FROM {_source(entity, q)}{where} ORDER BY {_order(entity, q)} LIMIT ? OFFSET ?",
        [*values, limit, offset])
    decode = DECODERS[t]
    found = [decode(r) for r in rows]
    if t in outbox.ENTITIES and found:
        states = outbox.waiting_states(conn, t, [r["id"] for r in found])
        for row in found:
            if row["id"] in states:
                row[CHANGE_STATE] = states[row["id"]]
    return found


def contains(conn: sqlite3.Connection, q: ListQuery, ident: str) -> bool:
    """Whether the list holds the row `ident`: a record shown beside a list that no longer holds it (a search
    or a filter left it out) is shown no more."""
    entity, where, values = _where(q)
    condition = f"{' AND' if where else ' WHERE'} {entity.table}.id = ?"
    sql = f"SELECT 1 FROM {_source(entity, q)}{where}{condition} LIMIT 1"
    return _with_fold(conn).execute(sql, [*values, ident]).fetchone() is not None


def position(conn: sqlite3.Connection, q: ListQuery, ident: str) -> int | None:
    """The row `ident` is on in the list (from 0), or None when the list does not hold it: a record opened from
    elsewhere (a lead just saved) gets the cursor however far down 100,000 customers it sorts. Its rows before
    it are counted off the sort's index, in the list's order: NULLs first ascending, last descending, ties by
    rowid (see `page`)."""
    entity, where, values = _where(q)
    t = entity.table
    _order(entity, q)  # the sort is one the entity has
    sort = q.sort or entity.default_sort
    short = _short(entity, search_text(q.search))
    key, rowid = (("s.sort_key", "s.rowid") if short is not None and sort == short.sort
                  else (f"{t}.{sort}", f"{t}.rowid"))
    conn = _with_fold(conn)
    join = " AND" if where else " WHERE"
    found = conn.execute(f"SELECT {key}, {rowid} FROM {_source(entity, q)}{where}{join} {t}.id = ?",
                         [*values, ident]).fetchone()
    if found is None:
        return None
    value, row = found
    ahead = ">" if q.descending else "<"  # what compares so sorts before it in the list's direction
    # The rows before it, as separate ranges of the index (one condition with OR would read every row).
    before: list[tuple[str, list[Any]]]
    if sort == "id":
        before = [(f"{key} {ahead} ?", [value])]
    elif value is None:
        before = [(f"{key} IS NULL AND {rowid} {ahead} ?", [row])]
        if q.descending:
            before.append((f"{key} IS NOT NULL", []))
    else:
        before = [(f"{key} {ahead} ?", [value]), (f"{key} = ? AND {rowid} {ahead} ?", [value, row])]
        if not q.descending:
            before.append((f"{key} IS NULL", []))
    counts = " + ".join(f"(SELECT count(*) FROM {_source(entity, q)}{where}{join} {c})" for c, _ in before)
    bound = [v for _, b in before for v in (*values, *b)]
    return int(conn.execute(f"SELECT {counts}", bound).fetchone()[0])


def _order(entity: Entity, q: ListQuery) -> str:
    sort = q.sort or entity.default_sort
    if sort not in entity.sorts:
        raise ValueError(f"{q.entity} cannot be sorted by {sort!r}; known: {', '.join(entity.sorts)}")
    direction = " DESC" if q.descending else ""
    short = _short(entity, search_text(q.search))
    t = entity.table
    if short is not None and sort == short.sort:
        return f"s.sort_key{direction}, s.rowid{direction}"
    return f"{t}.{sort}{direction}" + ("" if sort == "id" else f", {t}.rowid{direction}")


def get(conn: sqlite3.Connection, entity: str, ident: str) -> dict[str, Any] | None:
    """One row, decoded. A customer's orders are `page(ListQuery("orders", filters={"customer_id": ...}))`, an
    order's items `ListQuery("order_items", filters={"order_id": ...})`."""
    table = _entity_named(entity).table
    row = conn.execute(f"SELECT * FROM {table} WHERE id = ?", (ident,)).fetchone()
    return None if row is None else DECODERS[table](row)


def names(conn: sqlite3.Connection, entity: str, column: str, ids: Collection[str]) -> dict[str, Any]:
    """id → `column` for those of `ids` the cache has: what a list shows of a related row (an order's customer),
    for a screenful of rows in one query."""
    table = _entity_named(entity).table
    if column not in BY_NAME[table].column_names:
        raise ValueError(f"{entity} has no column {column!r}")
    wanted = sorted(ids)
    marks = ",".join("?" * len(wanted))
    return dict(conn.execute(f"SELECT id, {column} FROM {table} WHERE id IN ({marks})", wanted).fetchall())


def facets(conn: sqlite3.Connection, entity: str, column: str) -> list[tuple[Any, int]]:
    """The values of a column with how many rows have each, most common first, for a filter drop-down. None
    counts the rows without a value (its filter is `{column: None}`); a tags column counts each tag."""
    spec = _entity_named(entity)
    t = spec.table
    if column == spec.tags:
        sql = (f"SELECT json_each.value, count(*) AS n FROM {t}, json_each({t}.{column}) "
               "GROUP BY json_each.value ORDER BY n DESC, json_each.value")
    elif column in spec.facets:
        sql = f"SELECT {column}, count(*) AS n FROM {t} GROUP BY {column} ORDER BY n DESC, {column}"
    else:
        raise ValueError(f"{entity} has no facet {column!r}")
    return [(value, n) for value, n in conn.execute(sql)]


# --- follow-ups -----------------------------------------------------------------------------------------------

OVERDUE, TODAY, UPCOMING, DONE = "overdue", "today", "upcoming", "done"
FOLLOW_UP_GROUPS = (OVERDUE, TODAY, UPCOMING)


@dataclass(frozen=True)
class FollowUpGroup:
    name: str  # one of FOLLOW_UP_GROUPS
    count: int  # all of them, beyond the rows read
    rows: list[dict[str, Any]]  # activities, soonest due first, each with its customer's name as `customer_name`


def follow_ups(conn: sqlite3.Connection, today: dt.date, *, employee_id: str | None, limit: int
               ) -> list[FollowUpGroup]:
    """The open follow-ups (a follow-up date, not done) by the Bangkok day `today`: overdue (due on an earlier
    day), due today, upcoming; of one employee, or (None) all the cache holds, which RLS made what the rep may
    see. The index on follow_up_at reads each group in order."""
    start, end = _bangkok_midnight(today), _bangkok_midnight(today, days_later=1)
    ranges: dict[str, Clause] = {OVERDUE: ("a.follow_up_at < ?", [start]),
                                 TODAY: ("a.follow_up_at >= ? AND a.follow_up_at < ?", [start, end]),
                                 UPCOMING: ("a.follow_up_at >= ?", [end])}
    mine: Clause = ("a.employee_id = ?", [employee_id]) if employee_id is not None else ("1", [])
    decode = DECODERS["customer_activities"]
    groups = []
    for name in FOLLOW_UP_GROUPS:
        due, values = ranges[name]
        where = f"{due} AND a.done_at IS NULL AND {mine[0]}"
        values = [*values, *mine[1]]
        total = conn.execute(f"SELECT count(*) FROM customer_activities a WHERE {where}", values).fetchone()[0]
        rows = conn.execute(f"SELECT a.*, c.full_name AS customer_name FROM customer_activities a "
                            f"LEFT JOIN customers c ON c.id = a.customer_id WHERE {where} "
                            f"ORDER BY a.follow_up_at, a.id LIMIT ?", [*values, limit])
        groups.append(FollowUpGroup(name, int(total), [decode(r) for r in rows]))
    return groups


def follow_up_state(activity: Mapping[str, Any], today: dt.date) -> str | None:
    """Where an activity's follow-up stands on the Bangkok day `today`, as follow_ups() groups it, or DONE;
    None without a follow-up. Raises ValueError for a date that is not ISO 8601."""
    due = activity.get("follow_up_at")
    if not due:
        return None
    if activity.get("done_at"):
        return DONE
    day = dt.datetime.fromisoformat(due).astimezone(BANGKOK).date()
    return OVERDUE if day < today else TODAY if day == today else UPCOMING


# --- freshness ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableFreshness:
    """Times are the server's, as it wrote them (ISO 8601): compare them with `server_now`, not the local clock."""

    table: str
    last_synced_at: str | None  # the last complete pass (or check that found nothing new)
    row_count: int  # as of that pass
    last_error: str | None
    last_error_at: str | None
    in_pass: bool  # a pass began and has not finished: the mirror may be part old, part new


def freshness(conn: sqlite3.Connection) -> dict[str, TableFreshness]:
    return {
        r["table_name"]: TableFreshness(r["table_name"], r["last_synced_at"], r["row_count"], r["last_error"],
                                        r["last_error_at"], r["pass_watermark"] is not None)
        for r in conn.execute("SELECT * FROM sync_state")
    }


def server_now(conn: sqlite3.Connection, local_now: dt.datetime | None = None) -> dt.datetime:
    """The server's clock, estimated from the local one and the offset measured at the last sync. Ages such as
    "last synced 5 min ago" subtract server times, so a laptop clock that is wrong cannot make them negative."""
    value = meta.get(conn, "clock_offset")
    offset = float(value) if value else 0.0
    return (local_now or dt.datetime.now(dt.UTC)) + dt.timedelta(seconds=offset)
