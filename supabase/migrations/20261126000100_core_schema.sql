-- VSchool CRM: the synced tables.
--
-- Every synced table has the same bookkeeping columns so that one client protocol serves all of them:
--   id          business id (text), e.g. TVS-CUS-FB-26-0002
--   created_at  set once
--   updated_at  set on every update (transaction start time, so NOT a safe sync cursor on its own)
--   deleted_at  soft delete: a delete is an update that sets it, so the tombstone reaches every client
--   txid        the id of the writing transaction, set by a trigger; clients page by (txid, id) from a
--               watermark that cannot miss a committed row (see sync_watermark()).

create schema if not exists private;

create or replace function private.stamp_row() returns trigger
language plpgsql as $$
begin
  new.txid := pg_current_xact_id()::text::bigint;
  if tg_op = 'UPDATE' then
    new.created_at := old.created_at;
    new.updated_at := now();
  end if;
  return new;
end
$$;

create table public.employees (
  id            text primary key,
  auth_user_id  uuid unique references auth.users (id) on delete set null,
  full_name     text not null,
  nickname      text,
  role          text not null check (role in ('sales', 'marketing', 'instructor', 'manager', 'admin')),
  email         text,
  phone         text,
  active        boolean not null default true,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  deleted_at    timestamptz,
  txid          bigint not null default 0
);

create table public.products (
  id              text primary key,
  category        text not null check (category in ('course', 'package', 'cooking_eqt', 'menu')),
  name_th         text not null,
  name_en         text not null,
  description_th  text,
  description_en  text,
  price_thb       numeric(12, 2) not null check (price_thb >= 0),
  duration_hours  numeric(5, 1),
  picture_path    text,
  active          boolean not null default true,
  sort_order      integer not null default 0,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  deleted_at      timestamptz,
  txid            bigint not null default 0
);

create table public.package_items (
  id          text primary key,
  package_id  text not null references public.products (id) on delete cascade,
  product_id  text not null references public.products (id) on delete cascade,
  qty         integer not null default 1 check (qty > 0),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  deleted_at  timestamptz,
  txid        bigint not null default 0
);

create table public.campaigns (
  id                text primary key,
  platform          text not null check (platform in ('facebook', 'instagram', 'tiktok', 'google', 'line')),
  name              text not null,
  objective         text,
  status            text not null default 'active' check (status in ('draft', 'active', 'paused', 'ended')),
  daily_budget_thb  numeric(12, 2),
  start_date        date,
  end_date          date,
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  deleted_at        timestamptz,
  txid              bigint not null default 0
);

create table public.ad_sets (
  id                text primary key,
  campaign_id       text not null references public.campaigns (id) on delete cascade,
  name              text not null,
  audience          text,
  status            text not null default 'active' check (status in ('draft', 'active', 'paused', 'ended')),
  daily_budget_thb  numeric(12, 2),
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  deleted_at        timestamptz,
  txid              bigint not null default 0
);

create table public.ads (
  id             text primary key,
  ad_set_id      text not null references public.ad_sets (id) on delete cascade,
  name           text not null,
  creative_type  text check (creative_type in ('image', 'video', 'carousel', 'story', 'text')),
  status         text not null default 'active' check (status in ('draft', 'active', 'paused', 'ended')),
  created_at     timestamptz not null default now(),
  updated_at     timestamptz not null default now(),
  deleted_at     timestamptz,
  txid           bigint not null default 0
);

create table public.customers (
  id                    text primary key,
  full_name             text not null,
  nickname              text,
  phone                 text,
  email                 text,
  line_id               text,
  source                text not null check (source in ('FB', 'IG', 'LN', 'TT', 'GG', 'WI', 'RF', 'WB')),
  segment               text not null default 'lead' check (segment in ('lead', 'new', 'active', 'vip', 'dormant')),
  tags                  text[] not null default '{}',
  assigned_employee_id  text references public.employees (id) on delete set null,
  acquired_campaign_id  text references public.campaigns (id) on delete set null,
  birthday              date,
  notes                 text,
  created_at            timestamptz not null default now(),
  updated_at            timestamptz not null default now(),
  deleted_at            timestamptz,
  txid                  bigint not null default 0
);

-- Figures per ad and day (id = ad_id:date) and per ad and hour (id = ad_id:hour in UTC ISO form).
create table public.ad_daily_stats (
  id           text primary key,
  ad_id        text not null references public.ads (id) on delete cascade,
  date         date not null,
  spend_thb    numeric(12, 2) not null default 0,
  impressions  bigint not null default 0,
  reach        bigint not null default 0,
  clicks       integer not null default 0,
  leads        integer not null default 0,
  messages     integer not null default 0,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  deleted_at   timestamptz,
  txid         bigint not null default 0,
  unique (ad_id, date)
);

create table public.ad_hourly_stats (
  id           text primary key,
  ad_id        text not null references public.ads (id) on delete cascade,
  hour         timestamptz not null,
  spend_thb    numeric(12, 2) not null default 0,
  impressions  bigint not null default 0,
  reach        bigint not null default 0,
  clicks       integer not null default 0,
  leads        integer not null default 0,
  messages     integer not null default 0,
  created_at   timestamptz not null default now(),
  updated_at   timestamptz not null default now(),
  deleted_at   timestamptz,
  txid         bigint not null default 0,
  unique (ad_id, hour)
);

create table public.orders (
  id            text primary key,
  customer_id   text not null references public.customers (id) on delete cascade,
  employee_id   text references public.employees (id) on delete set null,
  status        text not null default 'pending' check (status in ('pending', 'paid', 'refunded', 'cancelled')),
  channel       text,
  campaign_id   text references public.campaigns (id) on delete set null,
  total_thb     numeric(12, 2) not null default 0,
  discount_thb  numeric(12, 2) not null default 0,
  paid_at       timestamptz,
  created_at    timestamptz not null default now(),
  updated_at    timestamptz not null default now(),
  deleted_at    timestamptz,
  txid          bigint not null default 0
);

create table public.order_items (
  id              text primary key,
  order_id        text not null references public.orders (id) on delete cascade,
  product_id      text not null references public.products (id),
  qty             integer not null default 1 check (qty > 0),
  unit_price_thb  numeric(12, 2) not null,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  deleted_at      timestamptz,
  txid            bigint not null default 0
);

-- The stamp trigger and the keyset index, the same on every synced table.
do $$
declare
  t text;
begin
  foreach t in array array['employees', 'products', 'package_items', 'customers', 'campaigns', 'ad_sets',
                           'ads', 'orders', 'order_items', 'ad_daily_stats', 'ad_hourly_stats']
  loop
    execute format('create trigger stamp_row before insert or update on public.%I
                    for each row execute function private.stamp_row()', t);
    execute format('create index %I on public.%I (txid, id)', t || '_txid_id', t);
  end loop;
end
$$;

-- Lookups the application and the RLS helper make often.
create index customers_assigned_employee on public.customers (assigned_employee_id);
create index orders_customer on public.orders (customer_id);
create index order_items_order on public.order_items (order_id);
create index package_items_package on public.package_items (package_id);
create index ad_sets_campaign on public.ad_sets (campaign_id);
create index ads_ad_set on public.ads (ad_set_id);
