"""Prometheus metrics: `/metrics`, behind METRICS_TOKEN.

Two kinds:
- read from the database at each scrape, so they are right however many consumer processes and
  machines do the syncing: syncs by outcome and their durations over the last 24 hours, the
  queue's depth and the age of its oldest queued sync, syncs held by the breaker;
- counted in the process that talks to Wonde: requests and retries by HTTP status. Consumers
  are not web servers, so set PROMETHEUS_MULTIPROC_DIR (one folder per machine, shared by its
  processes) for `/metrics` to add up every process of the machine it runs on.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Min, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CollectorRegistry, Counter, generate_latest, multiprocess
from prometheus_client.core import GaugeHistogramMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from pupilsync.models import SyncRun, SyncSlot

WINDOW = dt.timedelta(hours=24)
# Seconds: a small primary's delta sync takes a few; a big secondary's full sync, minutes.
DURATION_BUCKETS = (1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600)

WONDE_REQUESTS = Counter(
    "pupilsync_wonde_requests", "Requests made to Wonde, by HTTP status", ["status"]
)
WONDE_RETRIES = Counter(
    "pupilsync_wonde_retries", "Wonde requests retried, by the status that failed", ["status"]
)


def observe_wonde(event: str, status: str) -> None:
    """The Wonde client's `observe` hook."""
    (WONDE_REQUESTS if event == "request" else WONDE_RETRIES).labels(status=status).inc()


class DatabaseCollector(Collector):
    """The figures the database holds, read at each scrape in a few aggregate queries."""

    def __init__(self, now: dt.datetime | None = None) -> None:
        self.now = now

    def collect(self) -> Iterator[Metric]:
        now = self.now or timezone.now()
        recent = SyncRun.objects.exclude(trigger=SyncRun.Trigger.CTF).filter(
            started_at__gte=now - WINDOW
        )
        yield self._outcomes(recent)
        yield self._durations(recent)
        yield from self._queue(now)
        held = GaugeMetricFamily(
            "pupilsync_syncs_held", "Syncs held by the circuit breaker, awaiting an admin"
        )
        held.add_metric([], SyncRun.objects.filter(status=SyncRun.Status.HELD).count())
        yield held
        requests = recent.aggregate(n=Sum("http_requests", default=0))["n"]
        yield GaugeMetricFamily(
            "pupilsync_sync_wonde_requests_24h",
            "Wonde requests made by the syncs started in the last 24 hours",
            value=requests,
        )

    def _outcomes(self, recent) -> Metric:  # type: ignore[no-untyped-def]
        family = GaugeMetricFamily(
            "pupilsync_syncs_24h",
            "Syncs started in the last 24 hours, by outcome",
            labels=["outcome"],
        )
        counts = dict(
            recent.values_list("status").annotate(n=Count("id")).values_list("status", "n")
        )
        for status in SyncRun.Status.values:
            family.add_metric([status], counts.get(status, 0))
        return family

    def _durations(self, recent) -> Metric:  # type: ignore[no-untyped-def]
        took = ExpressionWrapper(F("finished_at") - F("started_at"), output_field=DurationField())
        finished = recent.filter(finished_at__isnull=False).annotate(took=took)
        counts = finished.aggregate(
            total=Count("id"),
            seconds=Sum("took"),
            **{
                f"le_{b}": Count("id", filter=Q(took__lte=dt.timedelta(seconds=b)))
                for b in DURATION_BUCKETS
            },
        )
        buckets = [(str(float(b)), counts[f"le_{b}"]) for b in DURATION_BUCKETS]
        buckets.append(("+Inf", counts["total"]))
        return GaugeHistogramMetricFamily(
            "pupilsync_sync_duration_seconds",
            "Durations of the syncs finished among those started in the last 24 hours",
            buckets=buckets,
            gsum_value=counts["seconds"].total_seconds() if counts["seconds"] else 0.0,
        )

    def _queue(self, now: dt.datetime) -> Iterator[Metric]:
        queued = SyncSlot.objects.waiting(now)
        found = queued.aggregate(n=Count("pk"), oldest=Min("queued_at"))
        yield GaugeMetricFamily(
            "pupilsync_queue_depth", "Schools with a sync queued or running", value=found["n"]
        )
        oldest = found["oldest"]
        yield GaugeMetricFamily(
            "pupilsync_queue_oldest_seconds",
            "Age of the oldest queued or running sync (0 when none)",
            value=(now - oldest).total_seconds() if oldest else 0,
        )


def registry(now: dt.datetime | None = None) -> CollectorRegistry:
    """A registry for one scrape: the database's figures, and this machine's counters."""
    scrape = CollectorRegistry()
    scrape.register(DatabaseCollector(now))
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(scrape)
    else:
        scrape.register(WONDE_REQUESTS)
        scrape.register(WONDE_RETRIES)
    return scrape


def authorised(request: HttpRequest) -> bool:
    expected = settings.METRICS_TOKEN
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    return bool(expected) and hmac.compare_digest(given.encode(), expected.encode())


@never_cache
@require_GET
def metrics_view(request: HttpRequest) -> HttpResponse:
    """Prometheus's scrape. Without METRICS_TOKEN set, or with a wrong one, there is no page."""
    if not authorised(request):
        raise Http404
    return HttpResponse(
        generate_latest(registry()), content_type="text/plain; version=0.0.4; charset=utf-8"
    )
