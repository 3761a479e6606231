"""The local store: SQLite mirrors, the JSON file tree, read queries. No Qt, no network (DESIGN.md §1)."""
