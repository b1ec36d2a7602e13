"""Django settings, read from the environment with defaults that need no configuration.

Every variable is documented in README.md ("Configuration").
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PUPILSYNC_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def secret(name: str, default: str = "") -> str:
    """A secret from NAME, or from the file NAME_FILE names (Docker and systemd credentials)."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


# Off unless asked for: a debug page lists every URL and the settings. `python3 dev.py run` turns
# it on for the laptop demo only.
DEBUG = env_flag("DJANGO_DEBUG", False)
SECRET_KEY = secret("SECRET_KEY", "dev-only-insecure-key-change-me-in-production")
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'pupilsync.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; the timeout rides out short locks.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

WONDE_API_URL = os.environ.get("WONDE_API_URL", "https://api.wonde.com/v1.0")
WONDE_API_TOKEN = secret("WONDE_API_TOKEN")
WONDE_TIMEOUT = float(os.environ.get("WONDE_TIMEOUT", "30"))
WONDE_AUTH = os.environ.get("WONDE_AUTH", "bearer")  # bearer | basic (token as user name)
# A delta sync reads only what changed; a full sync re-reads the whole roll so that anything a
# delta missed heals. Wonde recommends frequent full syncs.
FULL_SYNC_EVERY_DAYS = int(os.environ.get("FULL_SYNC_EVERY_DAYS", "7"))
# Photos are large and change rarely: each school's are re-read this often, not nightly.
PHOTO_REFRESH_DAYS = int(os.environ.get("PHOTO_REFRESH_DAYS", "7"))

# Wonde's webhook deliveries must carry this secret in the X-Wonde-Secret header, or sign their
# body with it (X-Wonde-Signature); never in the URL. Unset, the webhook refuses every delivery.
WONDE_WEBHOOK_SECRET = secret("WONDE_WEBHOOK_SECRET")
# The nightly sync window, in SYNC_TIMEZONE: each school gets a fixed minute inside it.
SYNC_WINDOW_START = os.environ.get("SYNC_WINDOW_START", "01:00")
SYNC_WINDOW_END = os.environ.get("SYNC_WINDOW_END", "05:00")
SYNC_TIMEZONE = os.environ.get("SYNC_TIMEZONE", "Europe/London")
# Minutes to wait before each retry of a failed sync; one retry per entry.
SYNC_RETRY_MINUTES = [
    int(m) for m in os.environ.get("SYNC_RETRY_MINUTES", "10,30,90").split(",") if m.strip()
]
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pupilsync@localhost")
# The operators' morning digest: who gets it (default: Django staff users in no school), and
# the board's address its links point to.
OPERATOR_EMAILS = [e.strip() for e in os.environ.get("OPERATOR_EMAILS", "").split(",") if e.strip()]
# `/metrics` answers only a scrape with `Authorization: Bearer METRICS_TOKEN`; unset, it is off.
METRICS_TOKEN = secret("METRICS_TOKEN")
OPERATOR_BOARD_URL = os.environ.get("OPERATOR_BOARD_URL", "http://127.0.0.1:8000/operator/")
# Data protection: a school whose access is revoked keeps its data this long, then it is deleted;
# the log of who opened a pupil's page, photo or export is kept this long.
RETENTION_AFTER_REVOKE_DAYS = int(os.environ.get("RETENTION_AFTER_REVOKE_DAYS", "90"))
ACCESS_LOG_DAYS = int(os.environ.get("ACCESS_LOG_DAYS", "365"))

REDIS_URL = os.environ.get("REDIS_URL", "")
# Queues of separate deployments (or test runs) sharing one Redis stay apart by name.
HUEY_NAME = os.environ.get("HUEY_NAME", "pupilsync")
if REDIS_URL:
    HUEY = {
        # Results expire: thousands of nightly sync summaries nobody reads must not pile up.
        "huey_class": "huey.RedisExpireHuey",
        "expire_time": 7 * 24 * 3600,
        "name": HUEY_NAME,
        "url": REDIS_URL,
        "immediate": False,
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "pupilsync",
        "filename": str(VAR_DIR / "huey.sqlite3"),
        "immediate": False,
    }

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "huey.contrib.djhuey",
    "axes",
    "pupilsync.apps.PupilsyncConfig",
]

MIDDLEWARE = [
    "pupilsync.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight from the web process (`pupilsync serve`), before sessions are read.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "pupilsync.web.idle.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "pupilsync.web.headers.NoStoreMiddleware",
    "pupilsync.web.refusals.RefusalLogMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pupilsync.urls"
WSGI_APPLICATION = "pupilsync.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pupilsync.web.context.layout",
            ]
        },
    }
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("PASSWORD_MIN_LENGTH", "8"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
# `pupilsync serve` collects static files into STATIC_ROOT; WhiteNoise serves them with long
# cache lifetimes. In development it reads them from the apps, so no collectstatic is needed.
WHITENOISE_USE_FINDERS = DEBUG
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "pupils"
LOGOUT_REDIRECT_URL = "login"
# Staff sign in with their email address or their username. django-axes comes first: it refuses
# a locked-out sign-in before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "pupilsync.web.auth.EmailOrUsernameBackend",
]

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT failures in a row, the user name
# and, separately, the address are locked out for LOGIN_LOCKOUT_MINUTES, or until an admin
# unlocks them (`pupilsync user unlock`, or Axes > Access attempts in /admin/). An unknown user
# name is counted and locked exactly like a known one, so the answers cannot tell them apart.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
# The lockout lasts its set time: further guesses neither extend it nor fill the audit log.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "pupilsync.web.throttle.attempted_username"
AXES_CLIENT_IP_CALLABLE = "pupilsync.web.throttle.client_address"
AXES_LOCKOUT_TEMPLATE = "pupilsync/locked_out.html"
AXES_VERBOSE = False
# Behind N reverse proxies the client is the Nth address from the right of X-Forwarded-For;
# with none (the default) it is the connection's own address, which a client cannot forge.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# A shared staff-room computer must not stay signed in: the session ends when the browser
# closes, and after SESSION_IDLE_HOURS without a request (each request restarts the clock:
# pupilsync.web.idle).
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_IDLE_HOURS", "8")) * 3600)

if not DEBUG:
    # Production: HTTPS only, cookies never sent in clear, browsers told to stay on HTTPS.
    SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
# htmx takes the CSRF token from the page (base.html), so scripts never need the cookie.
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Scripts, styles and images come from our own origin only (htmx is vendored), and no page has
# an inline script, style or event handler: see tests/security/test_headers.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "connect-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
    }
}
# Features no page uses, refused to every page and anything it might embed.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Request size limits: our forms are small, so a large or field-stuffed body is refused (400)
# before anything reads it. Files above FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 1024 * 1024))
FILE_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("FILE_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", 200))
DATA_UPLOAD_MAX_NUMBER_FILES = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FILES", 5))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# Server errors are emailed to ADMINS (comma-separated addresses) when it is set.
ADMINS = [("", a.strip()) for a in os.environ.get("ADMINS", "").split(",") if a.strip()]

# Webhooks may POST to private addresses (a host app on this laptop or network): off by default.
WEBHOOK_ALLOW_PRIVATE = env_flag("WEBHOOK_ALLOW_PRIVATE", False)
# Error emails (ADMINS) never show an API key: see pupilsync/api/redact.py.
DEFAULT_EXCEPTION_REPORTER_FILTER = "pupilsync.api.redact.SecretHeadersFilter"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        "refusals_logged_elsewhere": {"()": "pupilsync.logs.RefusalsLoggedElsewhere"},
        "no_query_strings": {"()": "pupilsync.logs.NoQueryStrings"},
    },
    "formatters": {
        # LOG_FORMAT=json: one JSON object a line, with the request, school and run ids.
        "json": {"()": "pupilsync.logs.JsonFormatter"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"}
        | ({"formatter": "json"} if os.environ.get("LOG_FORMAT") == "json" else {}),
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "loggers": {
        "pupilsync": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
        # Server errors (with their traceback) go to the log whether or not debug is on.
        "django": {"handlers": ["console", "mail_admins"], "level": "WARNING"},
        # A refused request is one line from pupilsync.web.refusals, not a traceback here.
        "django.request": {"filters": ["refusals_logged_elsewhere"]},
        # runserver's access log: query strings may hold a pupil's name (search) or a secret.
        "django.server": {
            "handlers": ["django.server"],
            "filters": ["no_query_strings"],
            "level": "INFO",
            "propagate": False,
        },
        # pupilsync.web.throttle logs each failure and lockout in one line of its own.
        "axes": {"level": "ERROR"},
        # httpx logs every URL at INFO; keep it quiet so no query string reaches the logs.
        "httpx": {"level": "WARNING"},
    },
}

# Error reports to Sentry, only when SENTRY_DSN is set; `error_reporting.scrub` keeps pupil data
# and secrets out of them.
SENTRY_DSN = secret("SENTRY_DSN")
if SENTRY_DSN:
    from pupilsync.error_reporting import init as init_error_reporting

    init_error_reporting(SENTRY_DSN, environment=os.environ.get("SENTRY_ENVIRONMENT", ""))
