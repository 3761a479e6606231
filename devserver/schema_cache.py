"""What the exposed schema holds, read from the catalog once at start-up (PostgREST's "schema cache").

Every identifier in a request is checked against it before any SQL is built, so names are never taken from
the URL into SQL unchecked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from devserver.errors import ApiError, rest_error

SCHEMA = "public"


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, str]  # name → formatted type, in table order
    primary_key: tuple[str, ...]
    insertable: bool


@dataclass(frozen=True)
class Function:
    name: str
    arg_names: tuple[str, ...]
    arg_types: tuple[str, ...]
    required: int  # how many leading arguments have no default
    returns_set: bool
    returns_row: bool  # a composite (object) rather than a scalar
    volatile: bool
    result_columns: dict[str, str]  # for filters and select on what the function returns

    def as_table(self) -> Table:
        return Table(self.name, self.result_columns, (), insertable=False)


@dataclass
class SchemaCache:
    tables: dict[str, Table] = field(default_factory=dict)
    functions: dict[str, list[Function]] = field(default_factory=dict)

    def table(self, name: str) -> Table:
        found = self.tables.get(name)
        if found is None:
            raise rest_error(404, "PGRST205", f"Could not find the table '{SCHEMA}.{name}' in the schema cache",
                             hint=self._suggest(name))
        return found

    def _suggest(self, name: str) -> str | None:
        close = [t for t in self.tables if t.startswith(name[:3])]
        return f"Perhaps you meant the table '{SCHEMA}.{close[0]}'" if close else None

    def function(self, name: str, given: set[str]) -> Function:
        """The overload whose parameters cover the given argument names, as PostgREST picks it."""
        for candidate in self.functions.get(name, []):
            names = set(candidate.arg_names)
            if given <= names and set(candidate.arg_names[: candidate.required]) <= given:
                return candidate
        args = ", ".join(sorted(given))
        raise ApiError(404, {
            "code": "PGRST202",
            "details": "Searched for the function public." + name + (f" with parameters {args}" if args else
                                                                      " without parameters")
                       + " or with a single unnamed json/jsonb parameter, but no matches were found in the "
                         "schema cache.",
            "hint": None,
            "message": f"Could not find the function public.{name}({args}) in the schema cache",
        }, {"Proxy-Status": "PostgREST; error=PGRST202"})


def check_column(table: Table, column: str) -> str:
    if column not in table.columns:
        raise rest_error(400, "42703", f"column {table.name}.{column} does not exist")
    return column


def load(conn: psycopg.Connection) -> SchemaCache:
    cache = SchemaCache()
    columns: dict[str, dict[str, str]] = {}
    kinds: dict[str, str] = {}
    for relname, relkind, attname, typ in conn.execute(
        """
        select c.relname, c.relkind, a.attname, format_type(a.atttypid, a.atttypmod)
        from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
        where n.nspname = %s and c.relkind in ('r', 'v', 'm', 'p', 'f')
        order by c.relname, a.attnum
        """,
        (SCHEMA,),
    ):
        columns.setdefault(relname, {})[attname] = typ
        kinds[relname] = relkind
    keys: dict[str, tuple[str, ...]] = {}
    for relname, keycols in conn.execute(
        """
        select c.relname, array_agg(a.attname order by array_position(i.indkey, a.attnum))
        from pg_index i
        join pg_class c on c.oid = i.indrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
        where n.nspname = %s and i.indisprimary
        group by c.relname
        """,
        (SCHEMA,),
    ):
        keys[relname] = tuple(keycols)
    for name, cols in columns.items():
        cache.tables[name] = Table(name, cols, keys.get(name, ()), kinds[name] in ("r", "p"))

    for row in conn.execute(
        """
        select p.proname,
               coalesce(p.proargnames, '{}'),
               coalesce(p.proargmodes::text[], '{}'),
               array(select format_type(t, null) from unnest(coalesce(p.proallargtypes, p.proargtypes::oid[])) t),
               p.pronargs, p.pronargdefaults, p.proretset,
               rt.typtype in ('c') or (rt.oid = 'record'::regtype),
               p.provolatile = 'v',
               case when rt.typtype = 'c' then (select c.relname from pg_class c where c.oid = rt.typrelid) end
        from pg_proc p
        join pg_namespace n on n.oid = p.pronamespace
        join pg_type rt on rt.oid = p.prorettype
        where n.nspname = %s and p.prokind = 'f' and rt.typname <> 'trigger'
        """,
        (SCHEMA,),
    ):
        name, names, modes, types, nargs, ndefaults, retset, returns_row, volatile, row_table = row
        named = list(zip(names or [""] * len(types), types, strict=False))
        # Input parameters have no mode or mode i/b/v (in, inout, variadic); o/t/b ones make up the result.
        inputs = [(n, t) for i, (n, t) in enumerate(named) if not modes or modes[i] in ("i", "b", "v")]
        outputs = {n: t for i, (n, t) in enumerate(named) if modes and modes[i] in ("o", "t", "b")}
        if row_table in cache.tables:
            outputs = dict(cache.tables[row_table].columns)
        cache.functions.setdefault(name, []).append(Function(
            name=name,
            arg_names=tuple(n for n, _ in inputs),
            arg_types=tuple(t for _, t in inputs),
            required=nargs - ndefaults,
            returns_set=retset,
            returns_row=returns_row,
            volatile=volatile,
            result_columns=outputs if returns_row else {name: ""},
        ))
    return cache
