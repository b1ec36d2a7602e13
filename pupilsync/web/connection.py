"""Update Pupils > Wonde: request the connection, then explain where it stands.

The form names the person in school Wonde will contact; `connection.request_access` asks Wonde
and records the answer. A pending, revoked or declined request is explained with what to do.
A school never connected may correct its Wonde school id in the same form: a wrong one is what
Wonde's "not found" means, and the error says so next to the id.
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
    wonde_id = forms.CharField(
        max_length=32,
        label="Wonde school id",
        help_text="Wonde's id for your school, like A1930499544: Wonde's emails to the school "
        "and your Wonde portal give it.",
    )
    first_name = forms.CharField(max_length=100)
    last_name = forms.CharField(max_length=100)
    email = forms.EmailField(max_length=254)
    phone = forms.CharField(max_length=40, required=False)
    notes = forms.CharField(
        max_length=1000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: object, correctable: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        if not correctable:
            del self.fields["wonde_id"]


@require_http_methods(["GET", "POST"])
@admin_required
def wonde_connection(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    correctable = connection.can_correct_wonde_id(school)
    posted = request.POST if request.method == "POST" else None
    form = ContactForm(posted, initial={"wonde_id": school.wonde_id}, correctable=correctable)
    asked = request.method == "POST" and school.connection in CAN_REQUEST and form.is_valid()
    if asked and _request(request, school, form):
        messages.success(request, "The connection was requested from Wonde.")
        return redirect("wonde-connection")
    context = {
        "school": school,
        "form": form,
        "correctable": correctable,
        "can_request": school.connection in CAN_REQUEST,
        "last_request": AccessRequest.objects.filter(school=school)
        .order_by("-requested_at")
        .first(),
    }
    return render(request, "pupilsync/admin/wonde_connection.html", context)


def _request(request: HttpRequest, school: School, form: ContactForm) -> bool:
    """Ask Wonde; False with the problem shown next to the field it is about."""
    details = dict(form.cleaned_data)
    was = school.wonde_id
    wonde_id = details.pop("wonde_id", None)
    try:
        connection.request_access(school, connection.Contact(**details), wonde_id=wonde_id)
    except connection.ConnectionProblem as problem:
        field = problem.field if problem.field in form.fields else None
        form.add_error(field, str(problem))
        return False
    changed = {"wonde_id": school.wonde_id, "wonde_id_was": was} if school.wonde_id != was else {}
    audit.record(school, audit.CONNECTION_REQUESTED, user=request.user, **changed)
    return True
