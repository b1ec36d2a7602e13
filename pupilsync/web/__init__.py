"""The web UI: server-rendered pages for a school's admins and staff, every query scoped to the
signed-in user's school."""
