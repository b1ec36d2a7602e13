"""Common Transfer File (CTF) import: read a file, preview what it would change, apply it.

preview = build_preview(school, data)   # parse and plan; writes nothing
result = apply(preview)                 # one transaction through the sync's writer
"""
