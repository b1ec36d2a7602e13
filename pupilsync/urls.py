from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView

from pupilsync.webhooks import wonde_webhook

urlpatterns = [
    path("", RedirectView.as_view(url="/admin/pupilsync/pupil/", permanent=False)),
    path("admin/", admin.site.urls),
    path("webhooks/wonde/", wonde_webhook, name="wonde-webhook"),
]
