-- What the sales staff log against a customer: a call, a LINE chat, a visit, an e-mail or a note, with an
-- optional follow-up. Synced like every other table (same bookkeeping, trigger, keyset index, read rule).
--
-- The id is made by the client, not the server, so that a rep can log an activity with no network and a
-- retried upload is the same row, never a second one: a UUID in its canonical lowercase text form (what
-- Python's str(uuid.uuid4()) gives). It stays text like every synced id; the check keeps hostile or
-- mistyped ids out (they would end up as file names in every client's cache).

-- Who the caller is, for defaults and write policies. SECURITY DEFINER for the same reason as
-- is_active_employee(): the employees policy must not recurse. NULL when no active employee is signed in.
create or replace function private.current_employee_id() returns text
language sql stable security definer set search_path = '' as $$
  select e.id
  from public.employees e
  where e.auth_user_id = auth.uid()
    and e.active
    and e.deleted_at is null
$$;

create or replace function private.current_employee_role() returns text
language sql stable security definer set search_path = '' as $$
  select e.role
  from public.employees e
  where e.auth_user_id = auth.uid()
    and e.active
    and e.deleted_at is null
$$;

revoke execute on function private.current_employee_id(), private.current_employee_role() from public;
grant execute on function private.current_employee_id(), private.current_employee_role()
  to authenticated, service_role;

create table public.customer_activities (
  id            text primary key
                constraint customer_activities_id_format
                check (id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'),
  customer_id   text not null references public.customers (id) on delete cascade,
  -- The author: the signed-in employee unless the back office (service role) names one.
  employee_id   text not null default private.current_employee_id() references public.employees (id),
  kind          text not null check (kind in ('call', 'line', 'visit', 'email', 'note')),
  body          text,
  outcome       text,
  follow_up_at  timestamptz,
  done_at       timestamptz,  -- when the follow-up was done (a follow-up is open while this is null)
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  deleted_at    timestamptz,
  txid          bigint not null default 0
);

create trigger stamp_row before insert or update on public.customer_activities
  for each row execute function private.stamp_row();
create index customer_activities_txid_id on public.customer_activities (txid, id);
create index customer_activities_customer on public.customer_activities (customer_id, created_at);

alter table public.customer_activities enable row level security;
create policy "active employees read" on public.customer_activities for select to authenticated
  using ((select private.is_active_employee()));

-- sync_state() as before, with the new table after customers (the order clients pull in).
create or replace function public.sync_state()
returns table (table_name text, max_txid bigint)
language sql stable security invoker as $$
  select 'employees', (select max(txid) from public.employees)
  union all select 'products', (select max(txid) from public.products)
  union all select 'package_items', (select max(txid) from public.package_items)
  union all select 'customers', (select max(txid) from public.customers)
  union all select 'customer_activities', (select max(txid) from public.customer_activities)
  union all select 'campaigns', (select max(txid) from public.campaigns)
  union all select 'ad_sets', (select max(txid) from public.ad_sets)
  union all select 'ads', (select max(txid) from public.ads)
  union all select 'orders', (select max(txid) from public.orders)
  union all select 'order_items', (select max(txid) from public.order_items)
  union all select 'ad_daily_stats', (select max(txid) from public.ad_daily_stats)
  union all select 'ad_hourly_stats', (select max(txid) from public.ad_hourly_stats)
$$;

-- Live updates (DESIGN.md §8). Every Supabase project has the publication; a plain PostgreSQL (the stand-in)
-- gets it here if the realtime migration has not made it already.
do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
  if not exists (select from pg_publication_tables
                 where pubname = 'supabase_realtime' and schemaname = 'public'
                   and tablename = 'customer_activities') then
    alter publication supabase_realtime add table public.customer_activities;
  end if;
end
$$;
