"""The test suite's settings: pupilsync's production settings (debug off), except that the
test client and the browser tests' live server speak plain HTTP on localhost, so there is no
redirect to HTTPS and cookies are not HTTPS-only. tests/security checks the real ones."""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from pupilsync.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
