from django.urls import path

from pupilsync.web.operator import views

urlpatterns = [
    path("", views.board, name="operator-board"),
    path("schools/<int:school_id>/", views.school, name="operator-school"),
]
