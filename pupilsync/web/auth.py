"""Signing in with an email address or a username.

`pupilsync user add` makes the email address the username, so most people type their email;
the demo's `admin` (and Django superusers) have a plain username.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username and "@" in username:
            users = get_user_model().objects.filter(email__iexact=username.strip())
            # An email shared by two accounts is ambiguous: let neither in by email.
            if len(matches := list(users[:2])) == 1:
                username = matches[0].get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)
