"""Forgotten password: Django's password reset views in pupilsync's pages.

The email goes through EMAIL_BACKEND (the console by default, a file or SMTP in deployment).
The form answers the same whether or not the address belongs to anyone, so it does not tell a
stranger who has an account. A link that is wrong or used is a 404, like any unknown page.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import reverse_lazy

TEMPLATES = "pupilsync/password_reset"


class ResetRequest(auth_views.PasswordResetView):
    template_name = f"{TEMPLATES}/form.html"
    email_template_name = f"{TEMPLATES}/email.txt"
    subject_template_name = f"{TEMPLATES}/subject.txt"
    success_url = reverse_lazy("password-reset-done")


class ResetSent(auth_views.PasswordResetDoneView):
    template_name = f"{TEMPLATES}/sent.html"


class ResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = f"{TEMPLATES}/confirm.html"
    success_url = reverse_lazy("password-reset-complete")

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        # A link that is wrong, expired or already used finds no one: say so, as a 404.
        if not context.get("validlink"):
            kwargs["status"] = 404
        return super().render_to_response(context, **kwargs)


class ResetDone(auth_views.PasswordResetCompleteView):
    template_name = f"{TEMPLATES}/done.html"
