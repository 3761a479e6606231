-- Product pictures. The bucket is public (they are catalog pictures the school also shows on its website);
-- signed-in employees may also read them through the authenticated route, which is what the client uses.
insert into storage.buckets (id, name, public)
values ('product-pictures', 'product-pictures', true)
on conflict (id) do nothing;

create policy "active employees read product pictures" on storage.objects
  for select to authenticated
  using (bucket_id = 'product-pictures' and (select private.is_active_employee()));
