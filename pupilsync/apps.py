import gc

from django.apps import AppConfig

# A sync builds hundreds of thousands of small objects that live until it ends. At Python's
# default (700 allocations) the collector walks them dozens of times per sync: a quarter of a
# full sync's time (benchmarks/sync.py). Collecting every 10,000 keeps memory as it was.
GC_THRESHOLD = 10_000


class PupilsyncConfig(AppConfig):
    name = "pupilsync"
    verbose_name = "Pupils"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pupilsync.api import outbound
        from pupilsync.privacy import retention
        from pupilsync.sync import feed, signals
        from pupilsync.web import throttle

        throttle.connect()
        feed.grew.connect(outbound.changed, dispatch_uid="pupilsync.webhooks")
        signals.pupils_archived.connect(
            retention.leavers_archived, dispatch_uid="pupilsync.leavers"
        )
        _, older, oldest = gc.get_threshold()
        gc.set_threshold(max(gc.get_threshold()[0], GC_THRESHOLD), older, oldest)
