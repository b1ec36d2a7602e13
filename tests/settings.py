"""The test suite's settings: pupilsync's production settings (debug off), except that the
test client and the browser tests' live server speak plain HTTP on localhost, so there is no
redirect to HTTPS and cookies are not HTTPS-only (tests/security checks the real ones), and the
task queue is the test process's own."""

import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from pupilsync.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# Tasks a test queues go to a queue of this test process's own, never to the checkout's
# var/huey.sqlite3 that `dev.py run`'s worker reads (it would run them against the demo).
if HUEY["huey_class"] == "huey.SqliteHuey":  # noqa: F405
    _QUEUE_DIR = tempfile.mkdtemp(prefix="pupilsync-tests-")
    atexit.register(shutil.rmtree, _QUEUE_DIR, True)
    HUEY = {**HUEY, "filename": f"{_QUEUE_DIR}/huey.sqlite3"}  # noqa: F405
