"""Run a `pupilsync` command in-process and keep what it prints."""

from io import StringIO

from django.core.management import call_command


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()
