"""The read-only JSON API the host app uses (docs/api.md): keys, pupils, the change feed,
outbound webhooks. Built on django-ninja; `pupilsync.api.views` holds the endpoints."""
