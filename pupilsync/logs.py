"""Logging filters (settings.LOGGING): what must never reach a log line, and what is said once.

Used by settings.py's LOGGING; each filter returns False to drop a record.
"""

from __future__ import annotations

import logging
import re

QUERY_STRING = re.compile(r"\?[^\s\"]*")


class RefusalsLoggedElsewhere(logging.Filter):
    """django.request logs a refused request (403, 404) with the exception's traceback;
    pupilsync.web.refusals logs it as one line instead, so drop Django's."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) not in {403, 404}


class NoQueryStrings(logging.Filter):
    """runserver's access log without query strings: a search holds a pupil's name, and
    nothing sent in a URL (a misplaced secret) may be written down."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple) and record.args:
            first, *rest = record.args
            if isinstance(first, str):
                record.args = (QUERY_STRING.sub("?…", first), *rest)
        return True
