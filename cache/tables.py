"""The synced tables as the cache mirrors them: columns, SQLite types, and the order a sync pulls them in.

One description serves the SQLite schema, the page writer and the sync engine, so a column added on the
server is added here once.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    sqlite_type: str  # TEXT, INTEGER or REAL
    json_array: bool = False  # text[] on the server: kept as a JSON array in a TEXT column
    boolean: bool = False  # SQLite stores 0/1; documents give them back as JSON booleans


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


def _table(name: str, spec: str) -> Table:
    """`spec` lists `name:type` pairs; every table also gets the bookkeeping columns of the server schema."""
    columns = [Column("id", "TEXT")]
    for item in spec.split():
        col, _, kind = item.partition(":")
        if kind == "tags":
            columns.append(Column(col, "TEXT", json_array=True))
        elif kind == "b":
            columns.append(Column(col, "INTEGER", boolean=True))
        else:
            columns.append(Column(col, {"t": "TEXT", "i": "INTEGER", "r": "REAL"}[kind]))
    columns += [Column("created_at", "TEXT"), Column("updated_at", "TEXT"), Column("deleted_at", "TEXT"),
                Column("txid", "INTEGER")]
    return Table(name, tuple(columns))


# In the order a sync pulls them (DESIGN.md §3): what the sales staff open first comes first.
TABLES: tuple[Table, ...] = (
    _table("employees", "auth_user_id:t full_name:t nickname:t role:t email:t phone:t active:b"),
    _table("products", "category:t name_th:t name_en:t description_th:t description_en:t price_thb:r "
                       "duration_hours:r picture_path:t active:b sort_order:i"),
    _table("package_items", "package_id:t product_id:t qty:i"),
    _table("customers", "full_name:t nickname:t phone:t email:t line_id:t source:t segment:t tags:tags "
                        "assigned_employee_id:t acquired_campaign_id:t birthday:t notes:t client_key:t"),
    _table("customer_activities", "customer_id:t employee_id:t kind:t body:t outcome:t follow_up_at:t done_at:t"),
    _table("campaigns", "platform:t name:t objective:t status:t daily_budget_thb:r start_date:t end_date:t"),
    _table("ad_sets", "campaign_id:t name:t audience:t status:t daily_budget_thb:r"),
    _table("ads", "ad_set_id:t name:t creative_type:t status:t"),
    _table("orders", "customer_id:t employee_id:t status:t channel:t campaign_id:t total_thb:r discount_thb:r "
                     "paid_at:t"),
    _table("order_items", "order_id:t product_id:t qty:i unit_price_thb:r"),
    _table("ad_daily_stats", "ad_id:t date:t spend_thb:r impressions:i reach:i clicks:i leads:i messages:i"),
    _table("ad_hourly_stats", "ad_id:t hour:t spend_thb:r impressions:i reach:i clicks:i leads:i messages:i"),
)

BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}
