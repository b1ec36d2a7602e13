from django.contrib import admin
from django.urls import include, path

from pupilsync.api.views import api
from pupilsync.metrics import metrics_view
from pupilsync.serving.health import healthz
from pupilsync.webhooks import wonde_webhook

urlpatterns = [
    path("", include("pupilsync.web.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("operator/", include("pupilsync.web.operator.urls")),
    path("webhooks/wonde/", wonde_webhook, name="wonde-webhook"),
    path("healthz", healthz, name="healthz"),
    path("metrics", metrics_view, name="metrics"),
]
