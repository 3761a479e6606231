-- Who may read what. The rule is deliberately simple: a signed-in user reads the school's data only while an
-- active employees row is linked to their auth user. Tombstones (deleted_at set) stay readable so that deletes
-- reach every client. Writes come from the school's back office with the service role, which bypasses RLS.

-- SECURITY DEFINER so that the policy on employees itself does not recurse; the search path is pinned
-- because a definer function must not resolve names through the caller's path.
create or replace function private.is_active_employee() returns boolean
language sql stable security definer set search_path = '' as $$
  select exists (
    select 1
    from public.employees e
    where e.auth_user_id = auth.uid()
      and e.active
      and e.deleted_at is null
  )
$$;

grant usage on schema private to anon, authenticated, service_role;
revoke execute on function private.is_active_employee() from public;
grant execute on function private.is_active_employee() to authenticated, service_role;

do $$
declare
  t text;
begin
  foreach t in array array['employees', 'products', 'package_items', 'customers', 'campaigns', 'ad_sets',
                           'ads', 'orders', 'order_items', 'ad_daily_stats', 'ad_hourly_stats']
  loop
    execute format('alter table public.%I enable row level security', t);
    -- "(select …)" makes PostgreSQL evaluate the check once per statement (an InitPlan), not once per row.
    execute format('create policy "active employees read" on public.%I for select to authenticated
                    using ((select private.is_active_employee()))', t);
  end loop;
end
$$;
