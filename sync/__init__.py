"""The sync engine: Supabase client, sessions and the delta-pull protocol. Imports no Qt (DESIGN.md §1)."""
