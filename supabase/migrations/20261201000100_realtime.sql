-- Live updates: the synced tables go into the publication Supabase Realtime streams `postgres_changes` from.
-- A client only uses an event to start its usual delta pull for that table, so every synced table is here,
-- the ad figures too (the ad platforms' imports write them in batches, and the pull coalesces those).
-- Records reach a subscriber only through its row-level security; deletes carry only the primary key.
alter publication supabase_realtime add table
  public.employees,
  public.products,
  public.package_items,
  public.customers,
  public.campaigns,
  public.ad_sets,
  public.ads,
  public.orders,
  public.order_items,
  public.ad_daily_stats,
  public.ad_hourly_stats;
