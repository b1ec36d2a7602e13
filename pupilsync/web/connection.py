"""Update Pupils > Wonde: request the connection, then explain where it stands.

The form names the person in school Wonde will contact; `connection.request_access` asks Wonde
and records the answer. A pending, revoked or declined request is explained with what to do.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pupilsync import audit, connection
from pupilsync.models import AccessRequest, School
from pupilsync.web.access import admin_required, school_of

# Who may ask (again): a school not yet connected, or one whose access ended.
CAN_REQUEST = {
    School.Connection.NOT_CONNECTED,
    School.Connection.REVOKED,
    School.Connection.DECLINED,
}


class ContactForm(forms.Form):
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)
    notes = forms.CharField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


@require_http_methods(["GET", "POST"])
@admin_required
def wonde_connection(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and school.connection in CAN_REQUEST and form.is_valid():
        try:
            connection.request_access(school, connection.Contact(**form.cleaned_data))
        except connection.ConnectionProblem as problem:
            form.add_error(None, str(problem))
        else:
            audit.record(school, audit.CONNECTION_REQUESTED, user=request.user)
            messages.success(request, "The connection was requested from Wonde.")
            return redirect("wonde-connection")
    context = {
        "school": school,
        "form": form,
        "can_request": school.connection in CAN_REQUEST,
        "last_request": AccessRequest.objects.filter(school=school)
        .order_by("-requested_at")
        .first(),
    }
    return render(request, "pupilsync/admin/wonde_connection.html", context)
