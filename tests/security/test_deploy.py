"""Production settings pass Django's deployment checks; secrets can come from files."""

import os
import secrets
import subprocess
import sys


def check_deploy(**env: str) -> subprocess.CompletedProcess[str]:
    # The browser tests' conftest allows sync ORM calls under Playwright's event loop for this
    # process, and tests/settings.py turns the HTTPS redirect off for the test client; a
    # deployment has neither, so the check must not inherit them.
    kept_out = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "SECURE_SSL_REDIRECT", "DJANGO_DEBUG"}
    base = {k: v for k, v in os.environ.items() if k not in kept_out}
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env=base | {"DJANGO_SETTINGS_MODULE": "pupilsync.settings"} | env,
        capture_output=True,
        text=True,
    )


def test_check_deploy_passes_in_production_settings(tmp_path):
    done = check_deploy(
        DJANGO_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="pupilsync.example.org",
        PUPILSYNC_VAR_DIR=str(tmp_path),
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_debug_is_off_unless_asked_for(tmp_path):
    done = check_deploy(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="pupilsync.example.org",
        PUPILSYNC_VAR_DIR=str(tmp_path),
    )
    assert "security.W018" not in done.stdout + done.stderr  # W018: DEBUG is on
    assert done.returncode == 0, done.stdout + done.stderr


def test_check_deploy_refuses_the_development_key(tmp_path):
    done = check_deploy(
        DJANGO_DEBUG="0", ALLOWED_HOSTS="pupilsync.example.org", PUPILSYNC_VAR_DIR=str(tmp_path)
    )
    assert "security.W009" in done.stdout + done.stderr


def test_the_wonde_token_can_be_read_from_a_file(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("from-a-file-0123456789\n")
    done = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.WONDE_API_TOKEN)"],
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "pupilsync.settings",
            "WONDE_API_TOKEN_FILE": str(token_file),
            "PUPILSYNC_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
    )
    assert done.stdout.strip() == "from-a-file-0123456789"
