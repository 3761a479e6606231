"""Turn parsed PostgREST requests into SQL: identifiers checked and quoted, every value a bound parameter.

Values are bound with PostgreSQL's "unknown" type (psycopg sends Python str that way), so the server casts
them to the column's type exactly as PostgREST's untyped literals are cast.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from psycopg import sql

from devserver.postgrest_query import (
    COMPARISON_OPS,
    CONTAINMENT_OPS,
    FTS_OPS,
    Condition,
    FieldRef,
    Logic,
    OrderTerm,
    SelectItem,
)
from devserver.schema_cache import Table, check_column


@dataclass
class Params:
    """The bound values, in the order their placeholders appear in the statement."""

    values: list[str | None] = field(default_factory=list)

    def add(self, value: str | None) -> sql.Composable:
        self.values.append(value)
        return sql.Placeholder()


def field_sql(table: Table, ref: FieldRef, alias: str | None = None) -> sql.Composable:
    check_column(table, ref.column)
    expr: sql.Composable = sql.Identifier(alias or table.name, ref.column)
    for arrow, key in ref.json_path:
        key_sql = sql.Literal(int(key)) if key.lstrip("-").isdigit() else sql.Literal(key)
        expr = sql.SQL("({} {} {})").format(expr, sql.SQL(arrow), key_sql)
    return expr


def select_list(table: Table, items: list[SelectItem]) -> sql.Composable:
    parts: list[sql.Composable] = []
    for item in items:
        if item.field is None:
            parts.append(sql.SQL("{}.*").format(sql.Identifier(table.name)))
            continue
        expr = field_sql(table, item.field)
        if item.cast:
            expr = sql.SQL("{}::{}").format(expr, sql.SQL(item.cast))  # the cast is checked by its grammar
        alias = item.alias or item.field.default_alias
        parts.append(sql.SQL("{} AS {}").format(expr, sql.Identifier(alias)))
    return sql.SQL(", ").join(parts)


def _condition(table: Table, cond: Condition, params: Params) -> sql.Composable:
    lhs = field_sql(table, cond.field)
    op = cond.op
    expr: sql.Composable
    if op == "is":
        words = {"null": "IS NULL", "not_null": "IS NOT NULL", "true": "IS TRUE", "false": "IS FALSE",
                 "unknown": "IS UNKNOWN"}
        expr = sql.SQL("{} {}").format(lhs, sql.SQL(words[str(cond.value)]))
    elif op == "in":
        values = cond.value if isinstance(cond.value, tuple) else (cond.value,)
        if values:
            expr = sql.SQL("{} IN ({})").format(lhs, sql.SQL(", ").join(params.add(v) for v in values))
        else:
            expr = sql.SQL("false")
    elif op == "isdistinct":
        expr = sql.SQL("{} IS DISTINCT FROM {}").format(lhs, params.add(str(cond.value)))
    elif op in FTS_OPS:
        function = sql.SQL(FTS_OPS[op])
        if cond.fts_config:
            query = sql.SQL("{}({}::regconfig, {})").format(function, params.add(cond.fts_config),
                                                            params.add(str(cond.value)))
        else:
            query = sql.SQL("{}({})").format(function, params.add(str(cond.value)))
        expr = sql.SQL("{} @@ {}").format(lhs, query)
    elif op in CONTAINMENT_OPS:
        value = str(cond.value)
        if op == "ov" and value.startswith("(") and value.endswith(")"):
            value = "{" + value[1:-1] + "}"  # PostgREST accepts a list for overlap and means an array
        expr = sql.SQL("{} {} {}").format(lhs, sql.SQL(CONTAINMENT_OPS[op]), params.add(value))
    else:
        value = str(cond.value)
        if op in ("like", "ilike"):
            value = value.replace("*", "%")
        operator = sql.SQL(COMPARISON_OPS[op])
        if cond.modifier:
            expr = sql.SQL("{} {} {}({})").format(lhs, operator, sql.SQL(cond.modifier.upper()),
                                                  params.add(value))
        else:
            expr = sql.SQL("{} {} {}").format(lhs, operator, params.add(value))
    if cond.negated:
        expr = sql.SQL("NOT ({})").format(expr)
    return expr


def _logic(table: Table, node: Condition | Logic, params: Params) -> sql.Composable:
    if isinstance(node, Condition):
        return _condition(table, node, params)
    joiner = sql.SQL(" AND " if node.op == "and" else " OR ")
    expr = sql.SQL("({})").format(joiner.join(_logic(table, item, params) for item in node.items))
    return sql.SQL("NOT {}").format(expr) if node.negated else expr


def where_clause(table: Table, filters: list[Condition | Logic], params: Params) -> sql.Composable:
    if not filters:
        return sql.SQL("")
    return sql.SQL(" WHERE ") + sql.SQL(" AND ").join(_logic(table, f, params) for f in filters)


def order_clause(table: Table, terms: list[OrderTerm]) -> sql.Composable:
    if not terms:
        return sql.SQL("")
    parts = []
    for term in terms:
        text = " DESC" if term.descending else " ASC"
        if term.nulls:
            text += " NULLS FIRST" if term.nulls == "first" else " NULLS LAST"
        parts.append(field_sql(table, term.field) + sql.SQL(text))
    return sql.SQL(" ORDER BY ") + sql.SQL(", ").join(parts)


def limit_clause(limit: int | None, offset: int, params: Params) -> sql.Composable:
    out: sql.Composable = sql.SQL("")
    if limit is not None:
        out += sql.SQL(" LIMIT {}").format(params.add(str(limit)))
    if offset:
        out += sql.SQL(" OFFSET {}").format(params.add(str(offset)))
    return out


def qualified(table: Table) -> sql.Composable:
    return sql.Identifier("public", table.name)
