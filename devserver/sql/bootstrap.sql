-- What a Supabase project already provides before the first migration runs: the API roles, the auth schema
-- with its helper functions, and the storage schema. Idempotent, so a restart can run it again.
-- The stand-in keeps only the columns it uses; names follow Supabase so migrations written for it apply here.

do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator login noinherit;
  end if;
end
$$;

grant anon, authenticated, service_role to authenticator;
alter role anon set statement_timeout = '3s';
alter role authenticated set statement_timeout = '8s';

grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

-- Auth ------------------------------------------------------------------------------------------------------
create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id                  uuid primary key default gen_random_uuid(),
  aud                 text not null default 'authenticated',
  role                text not null default 'authenticated',
  email               text unique,
  encrypted_password  text,
  email_confirmed_at  timestamptz,
  raw_app_meta_data   jsonb not null default '{"provider": "email", "providers": ["email"]}',
  raw_user_meta_data  jsonb not null default '{}',
  last_sign_in_at     timestamptz,
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);

create table if not exists auth.sessions (
  id          uuid primary key default gen_random_uuid(),
  user_id     uuid not null references auth.users (id) on delete cascade,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);

create table if not exists auth.refresh_tokens (
  id          bigserial primary key,
  token       text not null unique,
  user_id     uuid not null references auth.users (id) on delete cascade,
  session_id  uuid not null references auth.sessions (id) on delete cascade,
  parent      text,
  revoked     boolean not null default false,
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now()
);
create index if not exists refresh_tokens_session on auth.refresh_tokens (session_id, id);

create or replace function auth.jwt() returns jsonb language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

create or replace function auth.uid() returns uuid language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.email() returns text language sql stable as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.email', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
  )::text
$$;

grant execute on all functions in schema auth to anon, authenticated, service_role;

-- Storage ---------------------------------------------------------------------------------------------------
create schema if not exists storage;
grant usage on schema storage to anon, authenticated, service_role;

create table if not exists storage.buckets (
  id                  text primary key,
  name                text not null unique,
  owner               uuid,
  public              boolean not null default false,
  file_size_limit     bigint,
  allowed_mime_types  text[],
  created_at          timestamptz not null default now(),
  updated_at          timestamptz not null default now()
);

create table if not exists storage.objects (
  id                uuid primary key default gen_random_uuid(),
  bucket_id         text not null references storage.buckets (id),
  name              text not null,
  owner             uuid,
  metadata          jsonb not null default '{}',
  created_at        timestamptz not null default now(),
  updated_at        timestamptz not null default now(),
  last_accessed_at  timestamptz not null default now(),
  unique (bucket_id, name)
);
alter table storage.objects enable row level security;

-- The stand-in keeps object bytes beside their metadata (Supabase keeps them in S3 or on disk).
create table if not exists storage.blobs (
  object_id  uuid primary key references storage.objects (id) on delete cascade,
  content    bytea not null
);
alter table storage.blobs enable row level security;
do $$
begin
  if not exists (select from pg_policies where schemaname = 'storage' and tablename = 'blobs') then
    create policy "blob follows its object" on storage.blobs for select to authenticated, anon
      using (exists (select 1 from storage.objects o where o.id = object_id));
  end if;
end
$$;

grant select on storage.buckets to anon, authenticated;
grant all on storage.buckets, storage.objects, storage.blobs to service_role;
grant select on storage.objects, storage.blobs to anon, authenticated;

-- Migration bookkeeping, as the Supabase CLI keeps it.
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version     text primary key,
  name        text,
  statements  text[]
);

-- Which generated dataset the stand-in's database holds, so a restart reuses it instead of loading again.
create schema if not exists standin;
create table if not exists standin.dataset (
  size       text not null,
  seed       integer not null,
  as_of      date not null,
  loaded_at  timestamptz not null default now()
);

-- Realtime --------------------------------------------------------------------------------------------------
-- Every Supabase project has this publication, empty until the project's migrations add tables to it.
do $$
begin
  if not exists (select from pg_publication where pubname = 'supabase_realtime') then
    create publication supabase_realtime;
  end if;
end
$$;

-- Supabase's Realtime reads the write-ahead log of the publication's tables; the stand-in learns of the same
-- changes from a trigger on each of them. The trigger NOTIFYs only the table, the kind of change, the primary
-- key and the commit time: a NOTIFY payload stops at 8000 bytes, and the record is read afterwards by each
-- subscriber as itself, which is what applies its row-level security. Deferred to the commit, so the time is
-- the commit's and a rolled-back change says nothing. Bulk loads set standin.realtime = 'off' to skip it.
create or replace function standin.realtime_notify() returns trigger
language plpgsql as $$
declare
  row_ jsonb := case when tg_op = 'DELETE' then to_jsonb(old) else to_jsonb(new) end;
  key jsonb := '{}';
  col text;
  payload text;
begin
  foreach col in array tg_argv loop
    key := key || jsonb_build_object(col, row_ -> col);
  end loop;
  payload := json_build_object(
    'schema', tg_table_schema, 'table', tg_table_name, 'type', tg_op, 'key', key,
    'commit_timestamp', to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text;
  if octet_length(payload) > 7900 then  -- a key too long to announce: the subscriber is told the change is too large
    payload := json_build_object(
      'schema', tg_table_schema, 'table', tg_table_name, 'type', tg_op, 'key', null,
      'commit_timestamp', to_char(clock_timestamp() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text;
  end if;
  perform pg_notify('standin_realtime', payload);
  return null;
end
$$;

-- Puts the trigger on every table of the publication and takes it off those that left, so the stand-in follows
-- `alter publication supabase_realtime add table …` in any later migration.
create or replace function standin.follow_realtime_publication() returns void
language plpgsql as $$
declare
  t record;
begin
  for t in
    select c.oid::regclass as entity,
           array(select a.attname::text
                 from pg_index i, unnest(i.indkey) with ordinality k(attnum, n)
                 join pg_attribute a on a.attnum = k.attnum
                 where i.indrelid = c.oid and i.indisprimary and a.attrelid = c.oid
                 order by k.n) as key_columns
    from pg_publication_tables p
    join pg_class c on c.oid = format('%I.%I', p.schemaname, p.tablename)::regclass
    where p.pubname = 'supabase_realtime'
      and not exists (select from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'standin_realtime')
  loop
    execute format(
      'create constraint trigger standin_realtime after insert or update or delete on %s '
      'deferrable initially deferred for each row '
      'when (current_setting(''standin.realtime'', true) is distinct from ''off'') '
      'execute function standin.realtime_notify(%s)',
      t.entity, (select coalesce(string_agg(quote_literal(k), ', '), '') from unnest(t.key_columns) k));
  end loop;
  for t in
    select g.tgrelid::regclass as entity
    from pg_trigger g
    where g.tgname = 'standin_realtime'
      and not exists (select from pg_publication_tables p
                      where p.pubname = 'supabase_realtime'
                        and format('%I.%I', p.schemaname, p.tablename)::regclass = g.tgrelid)
  loop
    execute format('drop trigger standin_realtime on %s', t.entity);
  end loop;
end
$$;

create or replace function standin.on_publication_ddl() returns event_trigger
language plpgsql as $$
begin
  perform standin.follow_realtime_publication();
end
$$;

drop event trigger if exists standin_follow_realtime;
create event trigger standin_follow_realtime on ddl_command_end
  when tag in ('CREATE PUBLICATION', 'ALTER PUBLICATION', 'DROP PUBLICATION', 'CREATE TABLE')
  execute function standin.on_publication_ddl();
select standin.follow_realtime_publication();
