"""Common Transfer File (CTF) import: read a file, preview what it would change, apply it.

    from pupilsync.ctf.service import apply, build_preview
    preview = build_preview(school, data)   # parse and plan; writes nothing; raises CtfError
    imported = apply(preview)               # one transaction through the sync's writer

reader (hardened streaming XML) -> parser/pupil (plain values) -> mapping (our records, the
school's rules) -> matching (UPN, former UPN, look-alikes) -> plan (the sync's own plan) ->
service (preview, apply). Everything before `service` is pure.
"""
