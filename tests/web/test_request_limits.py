"""A request too big, or with too many fields, is refused before any view reads it."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_limits_are_set_for_this_app():
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 500


def test_a_form_body_over_the_size_limit_is_refused(as_admin):
    big = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = as_admin.post(reverse("sen-code-add"), {"code": "MP", "provision": big})
    assert response.status_code == 400


def test_a_form_with_too_many_fields_is_refused(as_admin):
    fields = {f"f{i}": "1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = as_admin.post(reverse("sync-settings-save"), fields)
    assert response.status_code == 400


def test_a_query_string_with_too_many_fields_is_refused(as_admin):
    fields = "&".join(f"f{i}=1" for i in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert as_admin.get(reverse("pupils") + "?" + fields).status_code == 400
