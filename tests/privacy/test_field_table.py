"""The field table names every personal field we store, and the docs show it as it is."""

from __future__ import annotations

from django.apps import apps

from pupilsync.privacy import fields
from pupilsync.privacy.fields import FIELDS, NOT_PERSONAL
from pupilsync.sync import permissions


def stored_fields() -> set[str]:
    return {
        f"{model.__name__}.{field.name}"
        for model in apps.get_app_config("pupilsync").get_models()
        for field in model._meta.concrete_fields
    }


def classified() -> set[str]:
    named = {f.name for f in FIELDS}
    return named | {f"{model}.{name}" for model, names in NOT_PERSONAL.items() for name in names}


def test_every_field_of_every_model_is_either_in_the_table_or_named_as_not_personal():
    unplaced = stored_fields() - classified()
    assert not unplaced, f"add these to pupilsync/privacy/fields.py: {sorted(unplaced)}"


def test_the_table_names_only_fields_that_exist():
    stale = {f.name for f in FIELDS} - stored_fields()
    assert not stale


def test_no_field_is_both_personal_and_not_personal():
    both = {f.name for f in FIELDS} & {
        f"{model}.{name}" for model, names in NOT_PERSONAL.items() for name in names
    }
    assert not both


def test_a_new_personal_field_would_fail_the_check(monkeypatch):
    monkeypatch.setattr(fields, "FIELDS", tuple(f for f in FIELDS if f.name != "Pupil.surname"))
    assert "Pupil.surname" in stored_fields() - {f.name for f in fields.FIELDS} - {
        f"{model}.{name}" for model, names in NOT_PERSONAL.items() for name in names
    }


def test_each_field_read_from_wonde_names_the_permissions_of_its_feature():
    for f in FIELDS:
        if f.feature in permissions.BY_KEY and f.wonde != "as the field":
            needed = set(permissions.BY_KEY[f.feature].permissions)
            named = {p.strip() for p in f.wonde.split(",")}
            assert named <= needed | {"students.read", "students.education_details.read"}, f.name


def test_every_field_has_a_feature_and_a_retention_rule():
    assert all(f.feature in fields.FEATURE_LABELS and f.retention for f in FIELDS)


def test_the_data_protection_doc_carries_the_current_table():
    assert fields.with_table(fields.DOC.read_text()) == fields.DOC.read_text()
