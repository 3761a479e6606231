"""The Qt application and the `vschool-crm` command. The only package that imports Qt (DESIGN.md §1)."""
