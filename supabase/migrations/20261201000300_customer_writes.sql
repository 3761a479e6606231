-- Writes from the desktop client (DESIGN.md §7): new leads, customer edits and activities, made offline and
-- uploaded later through an outbox. docs/outbox-server.md is the contract a client codes against.
--
-- Who may write what (row level security, so a direct PostgREST insert or PATCH obeys the same rules as the
-- RPCs below, which run with the caller's rights):
--   customers   insert: any active employee. update: sales the customers assigned to them or to nobody (and
--               may leave them assigned only to themselves or to nobody), managers and admins any; marketing
--               and instructors none.
--   activities  insert: any active employee, as the author (employee_id is their own). update: the author.
--   delete      nobody from a client, hard or soft: no DELETE grant, and deleted_at is not a column clients may
--               write. Removing a customer or an activity is a back-office decision (service role); the
--               tombstone then syncs to every client as usual.
-- Column grants decide which columns a client may write at all: never id (of an existing row), txid,
-- created_at, updated_at, deleted_at or client_key after the insert.

-- New customers --------------------------------------------------------------------------------------------

-- The client's idempotency key: the same key sent again finds the row it created. Clients see it in their pull,
-- which also tells them which server row their offline lead became when an answer was lost.
alter table public.customers add column client_key uuid unique;

-- The running number of TVS-CUS-{source}-{yy}-{n}, per source and year. The row of a (source, year) is locked
-- by the increment, so concurrent creates queue on it and each gets its own number.
create table private.customer_numbers (
  source  text not null,
  yy      smallint not null,
  last    integer not null,
  primary key (source, yy)
);

-- The next free business id. A counter seen for the first time starts after the largest number already there
-- (the generator's and the back office's ids), and a number the back office took meanwhile is skipped, so the
-- id never collides. The year is the school's (Bangkok) year, as the back office and the generator number.
create or replace function private.next_customer_id(p_source text) returns text
language plpgsql volatile security definer set search_path = '' as $$
declare
  v_yy smallint := extract(year from now() at time zone 'Asia/Bangkok')::integer % 100;
  v_prefix text := format('TVS-CUS-%s-%s-', p_source, lpad(v_yy::text, 2, '0'));
  v_number integer;
  v_id text;
begin
  insert into private.customer_numbers as n (source, yy, last)
  values (p_source, v_yy, 1 + coalesce((
    select max(substr(c.id, length(v_prefix) + 1)::integer)
    from public.customers c
    where c.id like v_prefix || '%' and substr(c.id, length(v_prefix) + 1) ~ '^[0-9]{1,9}$'), 0))
  on conflict (source, yy) do update set last = n.last + 1
  returning last into v_number;
  loop
    -- Zero-padded to four digits, wider once a year outgrows them (lpad would cut).
    v_id := v_prefix || case when v_number < 10000 then lpad(v_number::text, 4, '0') else v_number::text end;
    exit when not exists (select 1 from public.customers c where c.id = v_id);
    update private.customer_numbers set last = last + 1 where source = p_source and yy = v_yy
      returning last into v_number;
  end loop;
  return v_id;
end
$$;
revoke execute on function private.next_customer_id(text) from public;
grant execute on function private.next_customer_id(text) to authenticated, service_role;

-- Every insert without an id gets one, whoever makes it (a client through create_customer() or a plain POST,
-- the churn, the back office). Named to fire before stamp_row (triggers fire in name order).
create or replace function private.allocate_customer_id() returns trigger
language plpgsql as $$
begin
  if new.id is null then
    if new.source is null
       or new.source not in ('FB', 'IG', 'LN', 'TT', 'GG', 'WI', 'RF', 'WB') then
      raise exception 'invalid source %: expected one of FB, IG, LN, TT, GG, WI, RF, WB',
        coalesce(quote_literal(new.source), 'null')
        using hint = 'source is the acquisition channel the business id carries';
    end if;
    new.id := private.next_customer_id(new.source);
  end if;
  return new;
end
$$;
create trigger allocate_id before insert on public.customers
  for each row execute function private.allocate_customer_id();

-- Privileges ------------------------------------------------------------------------------------------------

revoke insert, update, delete, truncate on public.customers, public.customer_activities from anon, authenticated;
grant insert (full_name, nickname, phone, email, line_id, source, segment, tags, assigned_employee_id,
              acquired_campaign_id, birthday, notes, client_key)
  on public.customers to authenticated;
grant update (full_name, nickname, phone, email, line_id, segment, tags, assigned_employee_id,
              acquired_campaign_id, birthday, notes)
  on public.customers to authenticated;
grant insert (id, customer_id, employee_id, kind, body, outcome, follow_up_at, done_at)
  on public.customer_activities to authenticated;
grant update (kind, body, outcome, follow_up_at, done_at)
  on public.customer_activities to authenticated;

-- Policies --------------------------------------------------------------------------------------------------

-- Whether the caller may edit a customer assigned to `assigned` (NULL: nobody).
create or replace function private.may_edit_customer(assigned text) returns boolean
language sql stable security definer set search_path = '' as $$
  select case private.current_employee_role()
           when 'manager' then true
           when 'admin' then true
           when 'sales' then assigned is null or assigned = private.current_employee_id()
           else false
         end
$$;
revoke execute on function private.may_edit_customer(text) from public;
grant execute on function private.may_edit_customer(text) to authenticated, service_role;

create policy "active employees create" on public.customers for insert to authenticated
  with check ((select private.is_active_employee()));
create policy "sales edit their own or unassigned, managers any" on public.customers for update to authenticated
  using (private.may_edit_customer(assigned_employee_id))
  with check (private.may_edit_customer(assigned_employee_id));

create policy "active employees log as themselves" on public.customer_activities for insert to authenticated
  with check (employee_id = (select private.current_employee_id()));
create policy "authors edit" on public.customer_activities for update to authenticated
  using (employee_id = (select private.current_employee_id()))
  with check (employee_id = (select private.current_employee_id()));

-- The RPCs' first step: a caller who is no (longer an) active employee is refused as RLS would refuse them,
-- rather than told that a row they cannot see is gone. Roles that bypass RLS (the back office) pass.
create or replace function private.require_active_employee() returns void
language plpgsql stable set search_path = '' as $$
begin
  if not private.is_active_employee()
     and not (select r.rolbypassrls from pg_catalog.pg_roles r where r.rolname = current_user) then
    raise exception 'only an active employee may write to the CRM' using errcode = '42501';
  end if;
end
$$;
revoke execute on function private.require_active_employee() from public;
grant execute on function private.require_active_employee() to authenticated, service_role;

-- Validation shared by the RPCs: a clear message per field, raised as P0001 (HTTP 400, the message in
-- `message`, the field in `details`). A direct insert or PATCH still meets the table's check constraints
-- (23514, also HTTP 400) with PostgreSQL's own wording.
create or replace function private.check_fields(p_table text, p_fields jsonb, p_allowed text[]) returns void
language plpgsql immutable set search_path = '' as $$
declare
  v_key text;
  v_value jsonb;
begin
  if p_fields is null or jsonb_typeof(p_fields) <> 'object' then
    raise exception 'the % fields must be a JSON object', p_table using detail = p_table;
  end if;
  for v_key, v_value in select * from jsonb_each(p_fields) loop
    if not v_key = any (p_allowed) then
      raise exception '% cannot be set here: allowed fields are %', v_key, array_to_string(p_allowed, ', ')
        using detail = v_key;
    end if;
    if v_key in ('full_name', 'source', 'segment', 'kind') and jsonb_typeof(v_value) <> 'string' then
      raise exception '% is required', v_key using detail = v_key;
    end if;
  end loop;
  if p_fields ? 'full_name' and btrim(p_fields ->> 'full_name') = '' then
    raise exception 'full_name must not be empty' using detail = 'full_name';
  end if;
  if p_fields ? 'segment' and not (p_fields ->> 'segment') = any (array['lead', 'new', 'active', 'vip', 'dormant']) then
    raise exception 'invalid segment %: expected one of lead, new, active, vip, dormant',
      quote_literal(p_fields ->> 'segment') using detail = 'segment';
  end if;
  if p_fields ? 'source' and not (p_fields ->> 'source') = any (array['FB', 'IG', 'LN', 'TT', 'GG', 'WI', 'RF', 'WB']) then
    raise exception 'invalid source %: expected one of FB, IG, LN, TT, GG, WI, RF, WB',
      quote_literal(p_fields ->> 'source') using detail = 'source';
  end if;
  if p_fields ? 'kind' and not (p_fields ->> 'kind') = any (array['call', 'line', 'visit', 'email', 'note']) then
    raise exception 'invalid kind %: expected one of call, line, visit, email, note',
      quote_literal(p_fields ->> 'kind') using detail = 'kind';
  end if;
  if p_fields ? 'tags' and jsonb_typeof(p_fields -> 'tags') <> 'array' then
    raise exception 'tags must be a list of text' using detail = 'tags';
  end if;
end
$$;

-- Tags after a rep's additions and removals: the current ones in their order, minus the removals, then the
-- additions not already there. Two reps adding different tags meanwhile both keep theirs.
create or replace function private.merge_tags(p_tags text[], p_add text[], p_remove text[]) returns text[]
language sql immutable set search_path = '' as $$
  select coalesce(array_agg(t order by o), '{}')
  from (
    select t, min(o) as o
    from (
      select t, o from unnest(p_tags) with ordinality as cur(t, o)
      union all
      select t, 1000000 + o from unnest(coalesce(p_add, '{}')) with ordinality as ad(t, o)
    ) all_tags
    where t is not null and btrim(t) <> '' and not t = any (coalesce(p_remove, '{}'))
    group by t
  ) kept
$$;

-- RPCs ------------------------------------------------------------------------------------------------------

-- A new customer, idempotent on p_client_key: the first call creates the row (business id allocated here),
-- every later call with the same key returns that same row, whatever the payload. Returns the row.
create or replace function public.create_customer(p_client_key uuid, p_customer jsonb)
returns public.customers
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_row public.customers;
begin
  perform private.require_active_employee();
  if p_client_key is null then
    raise exception 'p_client_key is required' using detail = 'p_client_key';
  end if;
  select * into v_row from public.customers where client_key = p_client_key;
  if found then
    return v_row;
  end if;
  perform private.check_fields('customer', p_customer,
    array['full_name', 'nickname', 'phone', 'email', 'line_id', 'source', 'segment', 'tags',
          'assigned_employee_id', 'acquired_campaign_id', 'birthday', 'notes']);
  if not p_customer ? 'full_name' then
    raise exception 'full_name is required' using detail = 'full_name';
  end if;
  if not p_customer ? 'source' then
    raise exception 'source is required' using detail = 'source';
  end if;
  insert into public.customers as c (client_key, full_name, nickname, phone, email, line_id, source, segment,
                                     tags, assigned_employee_id, acquired_campaign_id, birthday, notes)
  select p_client_key, btrim(r.full_name), r.nickname, r.phone, r.email, r.line_id, r.source,
         coalesce(r.segment, 'lead'), private.merge_tags('{}', r.tags, '{}'), r.assigned_employee_id,
         r.acquired_campaign_id, r.birthday, r.notes
  from jsonb_populate_record(null::public.customers, p_customer) r
  on conflict (client_key) do nothing
  returning * into v_row;
  if not found then  -- the same key committed by a concurrent call while this one waited on it
    select * into v_row from public.customers where client_key = p_client_key;
  end if;
  return v_row;
end
$$;

-- An edit conditional on the txid the rep's values were based on, in one round trip:
--   {"status": "applied",  "row": <the row after the edit>}
--   {"status": "conflict", "row": <the current row>}   txid differs: merge field by field, retry on row.txid
--   {"status": "gone",     "row": <the tombstone> | null}   deleted on the server, or never visible
-- p_set holds the fields to set; tags change only through p_add_tags and p_remove_tags, merged with whatever
-- the row holds. Refusals raise: 42501 (not allowed to edit this customer), P0001 (validation), 23503 (an
-- unknown employee or campaign).
create or replace function public.update_customer(p_id text, p_base_txid bigint, p_set jsonb default '{}',
                                                  p_add_tags text[] default '{}',
                                                  p_remove_tags text[] default '{}')
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_row public.customers;
  v_new public.customers;
begin
  perform private.require_active_employee();
  if p_base_txid is null then
    raise exception 'p_base_txid is required: the txid of the row the edit is based on' using detail = 'p_base_txid';
  end if;
  perform private.check_fields('customer', p_set,
    array['full_name', 'nickname', 'phone', 'email', 'line_id', 'segment', 'assigned_employee_id',
          'acquired_campaign_id', 'birthday', 'notes']);
  select * into v_row from public.customers where id = p_id;
  if not found then
    return jsonb_build_object('status', 'gone', 'row', null);
  end if;
  if v_row.deleted_at is not null then
    return jsonb_build_object('status', 'gone', 'row', to_jsonb(v_row));
  end if;
  -- FOR UPDATE sees only rows the caller may update (the update policy applies to it), and holds the row
  -- until commit, so the txid compared below is the one the update replaces.
  select * into v_row from public.customers where id = p_id for update;
  if not found then
    raise exception 'not allowed to edit customer %: it is assigned to another employee', p_id
      using errcode = '42501', detail = 'assigned_employee_id';
  end if;
  if v_row.deleted_at is not null then
    return jsonb_build_object('status', 'gone', 'row', to_jsonb(v_row));
  end if;
  -- The row as the edit would leave it: p_set over the current values, typed by the table, tags merged.
  v_new := jsonb_populate_record(v_row, p_set);
  v_new.full_name := btrim(v_new.full_name);
  v_new.tags := private.merge_tags(v_row.tags, p_add_tags, p_remove_tags);
  if v_new is not distinct from v_row then
    -- Nothing to change: the row already holds the rep's values (an edit whose answer was lost and that is
    -- sent again, or the same change made elsewhere). Not a conflict, and no write.
    return jsonb_build_object('status', 'applied', 'row', to_jsonb(v_row));
  end if;
  if v_row.txid <> p_base_txid then
    return jsonb_build_object('status', 'conflict', 'row', to_jsonb(v_row));
  end if;
  update public.customers c set
    full_name = v_new.full_name, nickname = v_new.nickname, phone = v_new.phone, email = v_new.email,
    line_id = v_new.line_id, segment = v_new.segment, tags = v_new.tags,
    assigned_employee_id = v_new.assigned_employee_id, acquired_campaign_id = v_new.acquired_campaign_id,
    birthday = v_new.birthday, notes = v_new.notes
  where c.id = p_id
  returning c.* into v_row;
  return jsonb_build_object('status', 'applied', 'row', to_jsonb(v_row));
end
$$;

-- A new activity, idempotent on its client-made id: the first call inserts, a later one with the same id
-- returns the row as it is. The author is the caller. The customer is customer_id, or customer_key: the
-- client key of a customer created by create_customer(). Returns the row.
create or replace function public.log_activity(p_activity jsonb)
returns public.customer_activities
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_row public.customer_activities;
  v_id text := p_activity ->> 'id';
  v_customer text;
begin
  perform private.require_active_employee();
  perform private.check_fields('activity', p_activity,
    array['id', 'customer_id', 'customer_key', 'kind', 'body', 'outcome', 'follow_up_at', 'done_at']);
  if v_id is null then
    raise exception 'id is required: a UUID made by the client' using detail = 'id';
  end if;
  if v_id !~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'invalid id %: expected a lowercase UUID such as 4f1c2a9e-0b7d-4e3a-9c61-2d5e8f7a1b30',
      quote_literal(v_id) using detail = 'id';
  end if;
  select * into v_row from public.customer_activities where id = v_id;
  if found then
    return v_row;
  end if;
  -- A customer created offline is named by the client key it was created with, so its activities need not
  -- wait for the answer that gives its business id (and can go in the same upload_changes() call).
  if p_activity ? 'customer_key' then
    if p_activity ? 'customer_id' then
      raise exception 'send customer_id or customer_key, not both' using detail = 'customer_key';
    end if;
    select c.id into v_customer from public.customers c where c.client_key = (p_activity ->> 'customer_key')::uuid;
    if not found then
      raise exception 'no customer was created with key %', p_activity ->> 'customer_key'
        using errcode = '23503', detail = 'customer_key';
    end if;
    p_activity := p_activity - 'customer_key' || jsonb_build_object('customer_id', v_customer);
  end if;
  if not p_activity ? 'customer_id' then
    raise exception 'customer_id is required' using detail = 'customer_id';
  end if;
  if not p_activity ? 'kind' then
    raise exception 'kind is required' using detail = 'kind';
  end if;
  if not exists (select 1 from public.customers where id = p_activity ->> 'customer_id' and deleted_at is null) then
    raise exception 'customer % does not exist or was deleted', p_activity ->> 'customer_id'
      using errcode = '23503', detail = 'customer_id';
  end if;
  insert into public.customer_activities as a (id, customer_id, kind, body, outcome, follow_up_at, done_at)
  select r.id, r.customer_id, r.kind, r.body, r.outcome, r.follow_up_at, r.done_at
  from jsonb_populate_record(null::public.customer_activities, p_activity) r
  on conflict (id) do nothing
  returning * into v_row;
  if not found then
    select * into v_row from public.customer_activities where id = v_id;
  end if;
  return v_row;
end
$$;

-- An edit of an activity by its author, conditional like update_customer() and with the same answers.
-- Marking a follow-up done is p_set => {"done_at": "<when>"}; reopening it {"done_at": null}.
create or replace function public.update_activity(p_id text, p_base_txid bigint, p_set jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_row public.customer_activities;
  v_new public.customer_activities;
begin
  perform private.require_active_employee();
  if p_base_txid is null then
    raise exception 'p_base_txid is required: the txid of the row the edit is based on' using detail = 'p_base_txid';
  end if;
  perform private.check_fields('activity', p_set, array['kind', 'body', 'outcome', 'follow_up_at', 'done_at']);
  select * into v_row from public.customer_activities where id = p_id;
  if not found then
    return jsonb_build_object('status', 'gone', 'row', null);
  end if;
  if v_row.deleted_at is not null then
    return jsonb_build_object('status', 'gone', 'row', to_jsonb(v_row));
  end if;
  select * into v_row from public.customer_activities where id = p_id for update;
  if not found then
    raise exception 'not allowed to edit activity %: only its author may', p_id
      using errcode = '42501', detail = 'employee_id';
  end if;
  if v_row.deleted_at is not null then
    return jsonb_build_object('status', 'gone', 'row', to_jsonb(v_row));
  end if;
  v_new := jsonb_populate_record(v_row, p_set);
  if v_new is not distinct from v_row then
    return jsonb_build_object('status', 'applied', 'row', to_jsonb(v_row));
  end if;
  if v_row.txid <> p_base_txid then
    return jsonb_build_object('status', 'conflict', 'row', to_jsonb(v_row));
  end if;
  update public.customer_activities a set
    kind = v_new.kind, body = v_new.body, outcome = v_new.outcome, follow_up_at = v_new.follow_up_at,
    done_at = v_new.done_at
  where a.id = p_id
  returning a.* into v_row;
  return jsonb_build_object('status', 'applied', 'row', to_jsonb(v_row));
end
$$;

-- Many changes in one round trip, in the order given (a client's outbox, oldest first): each one is one of
-- the calls above, run in its own savepoint, so a refused change is reported and the others still apply.
-- p_changes: [{"op": "create_customer" | "update_customer" | "log_activity" | "update_activity",
--              "args": {<that function's named arguments>}}, ...], at most 500.
-- Returns one result per change, in order: what the call returns ({"status", "row"}; creates and logs as
-- {"status": "applied", "row"}), or {"status": "rejected", "code", "message", "details", "hint"} for a refusal
-- (the SQLSTATE and texts a single call would have answered with). Trouble that is not the change's fault
-- (a deadlock, a serialization failure, a timeout, a lost connection) fails the whole call, nothing applied,
-- so the client sends it again as it would any request. Everything in one call commits in one transaction:
-- every row written carries the same txid.
create or replace function public.upload_changes(p_changes jsonb)
returns jsonb
language plpgsql volatile security invoker set search_path = '' as $$
declare
  v_change jsonb;
  v_args jsonb;
  v_out jsonb;
  v_results jsonb := '[]';
  v_state text;
  v_message text;
  v_detail text;
  v_hint text;
begin
  perform private.require_active_employee();
  if p_changes is null or jsonb_typeof(p_changes) <> 'array' then
    raise exception 'p_changes must be a list of changes' using detail = 'p_changes';
  end if;
  if jsonb_array_length(p_changes) > 500 then
    raise exception 'at most 500 changes per call, got %', jsonb_array_length(p_changes) using detail = 'p_changes';
  end if;
  for v_change in select value from jsonb_array_elements(p_changes) loop
    begin
      if jsonb_typeof(v_change) <> 'object' or jsonb_typeof(coalesce(v_change -> 'args', '{}')) <> 'object' then
        raise exception 'a change must be an object with "op" and "args"' using detail = 'op';
      end if;
      v_args := coalesce(v_change -> 'args', '{}');
      case v_change ->> 'op'
        when 'create_customer' then
          v_out := jsonb_build_object('status', 'applied', 'row', to_jsonb(public.create_customer(
            (v_args ->> 'p_client_key')::uuid, v_args -> 'p_customer')));
        when 'update_customer' then
          v_out := public.update_customer(
            v_args ->> 'p_id', (v_args ->> 'p_base_txid')::bigint, coalesce(v_args -> 'p_set', '{}'),
            array(select jsonb_array_elements_text(coalesce(v_args -> 'p_add_tags', '[]'))),
            array(select jsonb_array_elements_text(coalesce(v_args -> 'p_remove_tags', '[]'))));
        when 'log_activity' then
          v_out := jsonb_build_object('status', 'applied', 'row', to_jsonb(public.log_activity(
            v_args -> 'p_activity')));
        when 'update_activity' then
          v_out := public.update_activity(v_args ->> 'p_id', (v_args ->> 'p_base_txid')::bigint,
                                          coalesce(v_args -> 'p_set', '{}'));
        else
          raise exception 'unknown op %: expected create_customer, update_customer, log_activity or update_activity',
            coalesce(quote_literal(v_change ->> 'op'), 'null') using detail = 'op';
      end case;
    exception when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                              v_detail = pg_exception_detail, v_hint = pg_exception_hint;
      if v_state in ('40001', '40P01') or left(v_state, 2) in ('08', '53', '55', '57', '58', 'XX') then
        raise;
      end if;
      v_out := jsonb_build_object('status', 'rejected', 'code', v_state, 'message', v_message,
                                  'details', nullif(v_detail, ''), 'hint', nullif(v_hint, ''));
    end;
    v_results := v_results || jsonb_build_array(v_out);
  end loop;
  return v_results;
end
$$;

revoke execute on function public.create_customer(uuid, jsonb), public.update_customer(text, bigint, jsonb, text[], text[]),
  public.log_activity(jsonb), public.update_activity(text, bigint, jsonb), public.upload_changes(jsonb)
  from public, anon;
grant execute on function public.create_customer(uuid, jsonb), public.update_customer(text, bigint, jsonb, text[], text[]),
  public.log_activity(jsonb), public.update_activity(text, bigint, jsonb), public.upload_changes(jsonb)
  to authenticated, service_role;
