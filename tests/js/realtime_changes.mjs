// The official supabase-js client signs in to the stand-in and subscribes to postgres_changes on customers,
// printing one JSON line per event for tests/test_realtime_clients.py; it ends when its stdin closes.
// Node 20 has no global WebSocket, so the `ws` package is the transport.
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'

const { SUPABASE_URL, SUPABASE_ANON_KEY, USER_EMAIL, USER_PASSWORD } = process.env
const print = (line) => process.stdout.write(JSON.stringify(line) + '\n')

const supabase = createClient(SUPABASE_URL, SUPABASE_ANON_KEY, {
  auth: { persistSession: false, autoRefreshToken: false },
  realtime: { transport: WebSocket },
})

const { error } = await supabase.auth.signInWithPassword({ email: USER_EMAIL, password: USER_PASSWORD })
if (error) {
  print({ kind: 'error', message: error.message })
  process.exit(1)
}

supabase
  .channel('crm')
  .on('postgres_changes', { event: '*', schema: 'public', table: 'customers' }, (change) => {
    print({ kind: 'change', eventType: change.eventType, table: change.table, new: change.new, old: change.old,
            commit_timestamp: change.commit_timestamp, errors: change.errors })
  })
  // SUBSCRIBED comes with the join's reply; changes flow only from this message on (realtime-js #525).
  .on('system', {}, (payload) => {
    print({ kind: 'system', extension: payload.extension, status: payload.status, message: payload.message })
  })
  .subscribe((status, err) => {
    print({ kind: 'status', status, vsn: supabase.realtime.vsn, error: err ? String(err) : null })
  })

process.stdin.resume()
process.stdin.on('end', async () => {
  await supabase.removeAllChannels()
  process.exit(0)
})
