from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("pupilsync.web.urls")),
    path("admin/", admin.site.urls),
]
