"""Account > Admin > Host App > API Access: the school's API keys and webhooks.

A new key (and a new webhook's signing secret) is shown once, on the page that answers the
POST that made it: never stored in the clear, put in a URL, a message or the session.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from pupilsync import audit
from pupilsync.api import addresses, keys, outbound
from pupilsync.models import ApiKey, School, Webhook, WebhookDelivery
from pupilsync.web.access import admin_required, school_of

WEBHOOK_ADDED = "webhook_added"
WEBHOOK_REMOVED = "webhook_removed"
DELIVERIES_SHOWN = 50


class KeyForm(forms.Form):
    name = forms.CharField(label="Name", max_length=100, help_text="What uses it, e.g. Host app")


class WebhookForm(forms.Form):
    url = forms.URLField(label="Address", max_length=500, assume_scheme="https")

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"]
        if not url.startswith("https://"):
            raise forms.ValidationError("The address must start with https://.")
        if not addresses.is_public(url):
            raise forms.ValidationError("The address must be one reachable on the internet.")
        return url


@require_GET
@admin_required
def api_access(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
@admin_required
def create_key(request: HttpRequest) -> HttpResponse:
    form = KeyForm(request.POST)
    if not form.is_valid():
        return _page(request, key_form=form, status=400)
    made = keys.create(school_of(request), form.cleaned_data["name"], user=request.user)
    return _page(request, new_key=made)


@require_POST
@admin_required
def revoke_key(request: HttpRequest, key_id: int) -> HttpResponse:
    try:
        key = keys.revoke(school_of(request), key_id, user=request.user)
    except ApiKey.DoesNotExist as missing:
        raise Http404("No such key.") from missing
    messages.success(request, f"Key {key.name} ({key.prefix}...) revoked: it no longer works.")
    return redirect("api-access")


@require_POST
@admin_required
def create_webhook(request: HttpRequest) -> HttpResponse:
    form = WebhookForm(request.POST)
    if not form.is_valid():
        return _page(request, webhook_form=form, status=400)
    school = school_of(request)
    webhook = outbound.create(school, form.cleaned_data["url"], by=_who(request))
    audit.record(school, WEBHOOK_ADDED, user=request.user, url=webhook.url)
    return _page(request, new_webhook=webhook)


@require_POST
@admin_required
def remove_webhook(request: HttpRequest, webhook_id: int) -> HttpResponse:
    school = school_of(request)
    webhook = Webhook.objects.filter(school=school, pk=webhook_id, active=True).first()
    if webhook is None:
        raise Http404("No such webhook.")
    webhook.active = False
    webhook.save(update_fields=["active"])
    audit.record(school, WEBHOOK_REMOVED, user=request.user, url=webhook.url)
    messages.success(request, "Webhook removed: nothing more is sent to it.")
    return redirect("api-access")


def _page(request: HttpRequest, status: int = 200, **extra: Any) -> HttpResponse:
    school = school_of(request)
    context = {
        "keys": ApiKey.objects.filter(school=school),
        "webhooks": Webhook.objects.filter(school=school, active=True),
        "deliveries": _deliveries(school),
        "key_form": KeyForm(),
        "webhook_form": WebhookForm(),
    } | extra
    return render(request, "pupilsync/admin/api_access.html", context, status=status)


def _deliveries(school: School) -> list[WebhookDelivery]:
    rows = WebhookDelivery.objects.filter(school=school).select_related("webhook")
    return list(rows[:DELIVERIES_SHOWN])


def _who(request: HttpRequest) -> str:
    return getattr(request.user, "email", "") or str(request.user)
