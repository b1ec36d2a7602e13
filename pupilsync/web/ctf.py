"""Update Pupils > CTF: upload a Common Transfer File, read the preview, confirm to import.

The uploaded bytes wait in a temp file named after the school and a random token held in the
session, so a preview can only be confirmed by the admin who uploaded it, for their own school.
Confirm rebuilds the preview from those bytes and `service.apply` refuses it if the pupils
changed since it was shown.
"""

from __future__ import annotations

import hashlib
import secrets
import tempfile
from pathlib import Path

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pupilsync.ctf import report, service
from pupilsync.ctf.errors import CtfError
from pupilsync.ctf.reader import MAX_BYTES
from pupilsync.models import CtfImport, School
from pupilsync.models.run import AlreadyRunning
from pupilsync.web import ctf_warnings
from pupilsync.web.access import admin_required, school_of

UPLOAD_KEY = "ctf_upload"
RESULT_KEY = "ctf_imported"
SHOWN_KEY = "ctf_shown"
RECENT = 10


class UploadForm(forms.Form):
    file = forms.FileField(label="CTF file (.xml)")

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            # The importer's limit, checked before the bytes are read into memory.
            raise forms.ValidationError(
                f"The file is too large ({upload.size / 2**20:.1f} MB; the limit is "
                f"{MAX_BYTES / 2**20:.0f} MB). Export the pupils in smaller groups."
            )
        return upload


@require_http_methods(["GET", "POST"])
@admin_required
def ctf_upload(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data, name = upload.read(), Path(upload.name or "").name[:200]
        try:
            service.build_preview(school, data, file_name=name)
        except CtfError as error:
            form.add_error("file", _in_words(error))
        else:
            _keep(request, school, data, name)
            return redirect("ctf-preview")
    context = {
        "form": form,
        "imported": request.session.pop(RESULT_KEY, None),
        "recent": CtfImport.objects.filter(school=school).order_by("-imported_at")[:RECENT],
        "max_mb": MAX_BYTES // 2**20,
    }
    return render(request, "pupilsync/admin/ctf_upload.html", context)


@require_http_methods(["GET"])
@admin_required
def ctf_preview(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    kept = _kept(request, school)
    if kept is None:
        messages.info(request, "Upload a CTF file to see what it would change.")
        return redirect("ctf-upload")
    data, name = kept
    try:
        preview = service.build_preview(school, data, file_name=name)
    except CtfError as error:
        _forget(request, school)
        messages.error(request, _in_words(error))
        return redirect("ctf-upload")
    # Remember what was shown: Confirm imports exactly that or nothing.
    request.session[SHOWN_KEY] = _digest(preview)
    context = {"p": report.preview_dict(preview), "warnings": ctf_warnings.warnings(preview, data)}
    return render(request, "pupilsync/admin/ctf_preview.html", context)


@require_POST
@admin_required
def ctf_confirm(request: HttpRequest) -> HttpResponse:
    school = school_of(request)
    kept = _kept(request, school)
    if kept is None:
        messages.error(request, "That preview has expired: upload the file again.")
        return redirect("ctf-upload")
    data, name = kept
    try:
        preview = service.build_preview(school, data, file_name=name)
        if request.session.get(SHOWN_KEY) != _digest(preview):
            raise CtfError(
                "the pupils changed since this preview (a sync or another import ran); "
                "check the new preview below and confirm again"
            )
        imported = service.apply(preview, user=request.user)
    except CtfError as error:
        messages.error(request, f"Nothing was imported: {_in_words(error)}")
        return redirect("ctf-preview")
    except AlreadyRunning:
        messages.error(request, "A sync of this school is running: confirm again when it ends.")
        return redirect("ctf-preview")
    _forget(request, school)
    request.session[RESULT_KEY] = report.imported_dict(imported) | {"file": name}
    return redirect("ctf-upload")


def _in_words(error: CtfError) -> str:
    text = str(error)
    return text[0].upper() + text[1:] if text else "The file could not be read."


def _digest(preview: service.Preview) -> str:
    return hashlib.sha256(repr(preview.result.fingerprint()).encode()).hexdigest()


def _folder() -> Path:
    folder = Path(tempfile.gettempdir()) / "pupilsync-ctf"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _path(school: School, token: str) -> Path:
    return _folder() / f"{school.pk}-{token}.xml"


def _keep(request: HttpRequest, school: School, data: bytes, name: str) -> None:
    _forget(request, school)  # one upload waiting per admin
    token = secrets.token_hex(16)
    _path(school, token).write_bytes(data)
    request.session[UPLOAD_KEY] = {"school": school.pk, "token": token, "name": name}


def _kept(request: HttpRequest, school: School) -> tuple[bytes, str] | None:
    held = request.session.get(UPLOAD_KEY)
    if not held or held.get("school") != school.pk:
        return None
    path = _path(school, str(held["token"]))
    if not path.is_file():
        return None
    return path.read_bytes(), str(held["name"])


def _forget(request: HttpRequest, school: School) -> None:
    request.session.pop(SHOWN_KEY, None)
    held = request.session.pop(UPLOAD_KEY, None)
    if held and str(held.get("token", "")).isalnum():
        _path(school, str(held["token"])).unlink(missing_ok=True)
