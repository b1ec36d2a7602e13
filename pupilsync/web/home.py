"""Where people land: an operator on the board, everyone else on Pupils."""

from __future__ import annotations

from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from pupilsync.web.operator.access import is_operator


def home(request: HttpRequest) -> HttpResponse:
    return redirect("operator-board" if is_operator(request) else "pupils")


class SignInView(LoginView):
    template_name = "pupilsync/sign_in.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        if is_operator(self.request):
            return reverse("operator-board")
        return super().get_default_redirect_url()
