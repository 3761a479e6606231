"""PostgREST's URL grammar: select lists, filters, logic trees, order, limit and offset.

This module only parses; postgrest_sql.py turns the result into SQL against the schema cache. Errors carry
PostgREST's code PGRST100 so clients see what they would see from the real service.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from devserver.errors import ApiError, parse_error

# Keys that are never filters. Keys whose last segment is one of LOGIC_KEYS or PAGING_KEYS are reserved too.
RESERVED_KEYS = {"select", "columns", "on_conflict", "apikey"}
LOGIC_KEYS = {"and", "or"}
PAGING_KEYS = {"order", "limit", "offset"}

COMPARISON_OPS = {"eq": "=", "neq": "<>", "gt": ">", "gte": ">=", "lt": "<", "lte": "<=",
                  "like": "LIKE", "ilike": "ILIKE", "match": "~", "imatch": "~*"}
CONTAINMENT_OPS = {"cs": "@>", "cd": "<@", "ov": "&&", "sl": "<<", "sr": ">>", "nxr": "&<", "nxl": "&>",
                   "adj": "-|-"}
FTS_OPS = {"fts": "to_tsquery", "plfts": "plainto_tsquery", "phfts": "phraseto_tsquery",
           "wfts": "websearch_to_tsquery"}
OTHER_OPS = {"in", "is", "isdistinct"}
IS_VALUES = {"null", "not_null", "true", "false", "unknown"}

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_$ ]*$")
_CAST = re.compile(r"^[A-Za-z_][A-Za-z0-9_ ]*(\[\])?$")
_ARROW = re.compile(r"(->>|->)")


@dataclass(frozen=True)
class FieldRef:
    """A column, optionally followed by JSON arrows: data->a->>b is ("data", (("->", "a"), ("->>", "b")))."""

    column: str
    json_path: tuple[tuple[str, str], ...] = ()

    @property
    def default_alias(self) -> str:
        return self.json_path[-1][1] if self.json_path else self.column


@dataclass(frozen=True)
class Condition:
    field: FieldRef
    op: str
    value: str | tuple[str, ...]
    negated: bool = False
    modifier: str | None = None  # "any" or "all"
    fts_config: str | None = None


@dataclass(frozen=True)
class Logic:
    op: str  # "and" | "or"
    items: tuple[Condition | Logic, ...]
    negated: bool = False


@dataclass(frozen=True)
class SelectItem:
    field: FieldRef | None  # None means *
    alias: str | None = None
    cast: str | None = None


@dataclass(frozen=True)
class OrderTerm:
    field: FieldRef
    descending: bool = False
    nulls: str | None = None  # "first" | "last"


@dataclass
class Query:
    select: list[SelectItem] = field(default_factory=lambda: [SelectItem(None)])
    filters: list[Condition | Logic] = field(default_factory=list)
    order: list[OrderTerm] = field(default_factory=list)
    limit: int | None = None
    offset: int = 0
    columns: list[str] | None = None
    on_conflict: list[str] | None = None
    extra: dict[str, str] = field(default_factory=dict)  # filter keys kept apart, e.g. rpc arguments


def parse_query_string(raw: str, *, keep_as_extra: set[str] | None = None) -> Query:
    """Parse a request's query string. `keep_as_extra` names keys (rpc arguments) that are not filters."""
    query = Query()
    seen_order = False
    for key, value in parse_qsl(raw, keep_blank_values=True):
        last = key.rsplit(".", 1)[-1]
        if keep_as_extra and key in keep_as_extra:
            query.extra[key] = value
        elif key == "apikey":
            continue
        elif key == "select":
            query.select = parse_select(value)
        elif key == "columns":
            query.columns = [_identifier(c.strip(), "columns") for c in value.split(",") if c.strip()]
        elif key == "on_conflict":
            query.on_conflict = [_identifier(c.strip(), "on_conflict") for c in value.split(",") if c.strip()]
        elif last in PAGING_KEYS or last in LOGIC_KEYS:
            prefix = key[: -len(last)].rstrip(".")
            negated = False
            if last in LOGIC_KEYS and prefix in ("not", ""):
                negated = prefix == "not"
                prefix = ""
            if prefix:
                raise parse_error(f"embedded resources are not supported here ({key})")
            if last == "order":
                if not seen_order:  # PostgREST keeps the first `order` when the key repeats
                    query.order = parse_order(value)
                    seen_order = True
            elif last == "limit":
                query.limit = _non_negative_int(value, "limit")
            elif last == "offset":
                query.offset = _non_negative_int(value, "offset")
            else:
                query.filters.append(parse_logic(last, value, negated))
        else:
            query.filters.append(parse_filter(key, value))
    return query


def _non_negative_int(value: str, name: str) -> int:
    if not value.isdigit():
        raise parse_error(f"failed to parse {name} parameter ({value})")
    return int(value)


def _identifier(name: str, where: str) -> str:
    if not _IDENT.match(name):
        raise parse_error(f'"failed to parse {where}" ({name})')
    return name


def parse_field(text: str) -> FieldRef:
    parts = _ARROW.split(text)
    column = _identifier(parts[0].strip(), "field")
    path = []
    for arrow, key in zip(parts[1::2], parts[2::2], strict=True):
        if not key:
            raise parse_error(f'"failed to parse json path" ({text})')
        path.append((arrow, key.strip("'")))
    return FieldRef(column, tuple(path))


# --- select ---------------------------------------------------------------------------------------------------

def _split_top_level(text: str, sep: str = ",") -> list[str]:
    parts, depth, start, quoted = [], 0, 0, False
    i = 0
    while i < len(text):
        ch = text[i]
        if quoted:
            if ch == "\\":
                i += 1
            elif ch == '"':
                quoted = False
        elif ch == '"':
            quoted = True
        elif ch in "({":
            depth += 1
        elif ch in ")}":
            depth -= 1
            if depth < 0:
                raise parse_error(f'"unexpected \\")\\"" ({text})')
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    if depth != 0 or quoted:
        raise parse_error(f'"unexpected end of input" ({text})')
    parts.append(text[start:])
    return parts


def parse_select(value: str) -> list[SelectItem]:
    items = []
    for raw in _split_top_level(value):
        item = raw.strip()
        if not item:
            raise parse_error(f'"failed to parse select parameter" ({value})')
        if "(" in item or item.startswith("..."):
            raise parse_error(
                f"embedded resources and aggregates are not supported by the stand-in ({item})",
            )
        alias = None
        head, sep, rest = item.partition(":")
        if sep and not rest.startswith(":"):
            alias, item = _identifier(head.strip(), "select alias"), rest.strip()
        cast = None
        if "::" in item:
            item, cast = item.split("::", 1)
            if not _CAST.match(cast):
                raise parse_error(f'"failed to parse cast" ({cast})')
        if item == "*":
            if alias or cast:
                raise parse_error(f'"failed to parse select parameter" ({value})')
            items.append(SelectItem(None))
        else:
            items.append(SelectItem(parse_field(item), alias, cast))
    return items


# --- order ----------------------------------------------------------------------------------------------------

def parse_order(value: str) -> list[OrderTerm]:
    terms = []
    for raw in value.split(","):
        parts = raw.strip().split(".")
        if not parts[0]:
            raise parse_error(f'"failed to parse order" ({value})')
        descending, nulls = False, None
        for option in parts[1:]:
            if option in ("asc", "desc"):
                descending = option == "desc"
            elif option in ("nullsfirst", "nullslast"):
                nulls = option[5:]
            else:
                raise parse_error(f'"failed to parse order ({value})"', f"unexpected \"{option}\"")
        terms.append(OrderTerm(parse_field(parts[0]), descending, nulls))
    return terms


# --- filters --------------------------------------------------------------------------------------------------

_OP_HEAD = re.compile(r"^(?P<not>not\.)?(?P<op>[a-z_]+)(?:\((?P<arg>[^)]*)\))?\.", re.S)


def parse_filter(key: str, expression: str) -> Condition:
    return _parse_condition(parse_field(key), expression, in_tree=False)


def _parse_condition(ref: FieldRef, expression: str, *, in_tree: bool) -> Condition:
    head = _OP_HEAD.match(expression)
    if not head:
        raise parse_error(f'"failed to parse filter ({expression})" (line 1, column 1)')
    op, arg = head["op"], head["arg"]
    known = COMPARISON_OPS.keys() | CONTAINMENT_OPS.keys() | FTS_OPS.keys() | OTHER_OPS
    if op not in known:
        raise parse_error(f'"failed to parse filter ({expression})" (line 1, column 1)',
                          f"unknown operator {op}")
    raw = expression[head.end():]
    modifier = fts_config = None
    if arg is not None:
        if op in FTS_OPS:
            fts_config = arg
        elif arg in ("any", "all") and op in COMPARISON_OPS:
            modifier = arg
        else:
            raise parse_error(f'"failed to parse filter ({expression})" (line 1, column 1)')
    value: str | tuple[str, ...]
    if op == "in":
        value = tuple(parse_list(raw))
    elif op == "is":
        if raw.lower() not in IS_VALUES:
            raise parse_error(f'"failed to parse filter ({expression})" (line 1, column 1)',
                              "is accepts null, not_null, true, false or unknown")
        value = raw.lower()
    else:
        value = _unquote(raw) if in_tree else raw
    return Condition(ref, op, value, head["not"] is not None, modifier, fts_config)


def _unquote(raw: str) -> str:
    if len(raw) >= 2 and raw[0] == '"' and raw[-1] == '"':
        return re.sub(r"\\(.)", r"\1", raw[1:-1])
    return raw


def parse_list(raw: str) -> list[str]:
    """`(1,2,"a,b")` → ["1", "2", "a,b"]; quoted items may contain , . : ( ) and backslash escapes."""
    if not (raw.startswith("(") and raw.endswith(")")):
        raise parse_error(f'"failed to parse filter (in.{raw})" (line 1, column 4)')
    inner = raw[1:-1]
    if inner == "":
        return []
    return [_unquote(item) for item in _split_top_level(inner)]


def parse_logic(op: str, value: str, negated: bool) -> Logic:
    if not (value.startswith("(") and value.endswith(")")):
        raise parse_error(f'"failed to parse logic tree ({value})" (line 1, column 1)')
    items: list[Condition | Logic] = []
    for raw in _split_top_level(value[1:-1]):
        item = raw.strip()
        inner_negated = item.startswith("not.")
        body = item[4:] if inner_negated else item
        nested = re.match(r"^(and|or)\(", body)
        if nested:
            items.append(parse_logic(nested[1], body[len(nested[1]):], inner_negated))
            continue
        column, dot, expression = item.partition(".")
        if not dot or not expression:
            raise parse_error(f'"failed to parse logic tree ({value})" (line 1, column 1)')
        try:
            items.append(_parse_condition(parse_field(column), expression, in_tree=True))
        except ApiError as exc:
            raise parse_error(f'"failed to parse logic tree ({value})" (line 1, column 1)',
                              exc.body.get("details")) from exc
    if not items:
        raise parse_error(f'"failed to parse logic tree ({value})" (line 1, column 1)')
    return Logic(op, tuple(items), negated)


def parse_range_header(header: str | None) -> tuple[int, int | None] | None:
    """`Range: 0-24` (items) → (0, 24); open-ended `10-` → (10, None)."""
    if not header:
        return None
    match = re.fullmatch(r"\s*(?:items=)?(\d+)-(\d*)\s*", header)
    if not match:
        return None
    upper = int(match[2]) if match[2] else None
    return int(match[1]), upper
