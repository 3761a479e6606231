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
