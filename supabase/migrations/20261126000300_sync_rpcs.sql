-- The two calls that open every sync cycle.

-- The watermark: every transaction with an id below it had finished when it was read, so a client that has
-- pulled all rows with txid >= its previous watermark and then starts the next cycle at this one can never
-- miss a row committed late by a long transaction. server_time is the clock clients use for staleness.
create or replace function public.sync_watermark(out watermark bigint, out server_time timestamptz)
language sql stable as $$
  select pg_snapshot_xmin(pg_current_snapshot())::text::bigint, now()
$$;

-- The largest txid the caller can see per table (SECURITY INVOKER, so RLS applies): a cycle in which nothing
-- changed costs one request. Each max() is a backward scan of the (txid, id) index.
create or replace function public.sync_state()
returns table (table_name text, max_txid bigint)
language sql stable security invoker as $$
  select 'employees', (select max(txid) from public.employees)
  union all select 'products', (select max(txid) from public.products)
  union all select 'package_items', (select max(txid) from public.package_items)
  union all select 'customers', (select max(txid) from public.customers)
  union all select 'campaigns', (select max(txid) from public.campaigns)
  union all select 'ad_sets', (select max(txid) from public.ad_sets)
  union all select 'ads', (select max(txid) from public.ads)
  union all select 'orders', (select max(txid) from public.orders)
  union all select 'order_items', (select max(txid) from public.order_items)
  union all select 'ad_daily_stats', (select max(txid) from public.ad_daily_stats)
  union all select 'ad_hourly_stats', (select max(txid) from public.ad_hourly_stats)
$$;

grant execute on function public.sync_watermark() to anon, authenticated, service_role;
grant execute on function public.sync_state() to anon, authenticated, service_role;
