from django.apps import AppConfig


class PupilsyncConfig(AppConfig):
    name = "pupilsync"
    verbose_name = "Pupils"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from pupilsync.web import throttle

        throttle.connect()
