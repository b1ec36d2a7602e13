"""Account > Admin > Import > MIS Sync > Sync Settings."""

import pytest
from django.urls import reverse

from pupilsync import audit
from pupilsync.models import AuditEvent, SenCode, SyncSettings
from pupilsync.school_settings import SETTINGS

pytestmark = pytest.mark.django_db

ALL_ON = {
    "add_unexplained_to_unauthorised": "on",
    "sync_sen_types": "on",
    "sync_sen_provision": "on",
    "sync_contacts": "on",
    "sync_photos": "on",
    "hold_archive_percent": "10",
    "hold_change_percent": "10",
}


def test_the_mis_sync_page_links_to_sync_settings_and_permissions(as_admin):
    page = as_admin.get(reverse("mis-sync")).content.decode()
    assert reverse("sync-settings") in page
    assert reverse("sync-permissions") in page


def test_every_setting_is_shown_in_the_guides_groups_with_its_default(as_admin):
    page = as_admin.get(reverse("sync-settings")).content.decode()
    for group in ("Attendance Summaries", "SEND", "Pupil Contacts", "Pupil Photos", "Safety"):
        assert f"<legend>{group}</legend>" in page
    for setting in SETTINGS:
        assert f'name="{setting.key}"' in page
    assert "Default: ticked." in page
    assert "Default: 10%." in page


def test_the_page_advises_changing_settings_only_under_guidance(as_admin):
    page = as_admin.get(reverse("sync-settings")).content.decode()
    assert "only altered to address identified problems under guidance" in page


def test_unticking_a_setting_saves_it_and_keeps_it_in_the_audit_log(as_admin, synced):
    posted = {key: value for key, value in ALL_ON.items() if key != "sync_photos"}
    response = as_admin.post(reverse("sync-settings-save"), posted, follow=True)
    assert "Sync settings saved." in response.content.decode()
    assert SyncSettings.objects.get(school=synced).sync_photos is False
    event = AuditEvent.objects.get(school=synced, action=audit.SETTINGS_CHANGED)
    assert event.by == "head@oakfield.example"
    assert event.detail["settings"] == {"sync_photos": False}


def test_a_threshold_out_of_range_is_refused_and_changes_nothing(as_admin, synced):
    posted = {**ALL_ON, "hold_archive_percent": "150"}
    del posted["sync_contacts"]
    response = as_admin.post(reverse("sync-settings-save"), posted, follow=True)
    page = response.content.decode()
    assert "Not saved" in page and "0 to 100" in page
    assert not SyncSettings.objects.filter(school=synced).exists()


def test_saving_the_same_values_changes_nothing(as_admin, synced):
    response = as_admin.post(reverse("sync-settings-save"), ALL_ON, follow=True)
    assert "Nothing was changed." in response.content.decode()
    assert not AuditEvent.objects.filter(school=synced).exists()


def test_an_admin_adds_a_custom_sen_code_with_its_provision(as_admin, synced):
    response = as_admin.post(reverse("sen-code-add"), {"code": "mp", "provision": "K"}, follow=True)
    assert "Custom SEN code MP added." in response.content.decode()
    assert SenCode.objects.get(school=synced).provision == "K"
    assert "K · SEN support" in as_admin.get(reverse("sync-settings")).content.decode()


def test_a_standard_code_cannot_be_added_as_a_custom_one(as_admin, synced):
    response = as_admin.post(reverse("sen-code-add"), {"code": "E", "provision": "K"}, follow=True)
    assert "standard SEN code" in response.content.decode()
    assert not SenCode.objects.filter(school=synced).exists()


def test_an_admin_removes_a_custom_sen_code(as_admin, synced):
    SenCode.objects.create(school=synced, code="MP", provision="E")
    as_admin.post(reverse("sen-code-remove"), {"code": "MP"})
    assert not SenCode.objects.filter(school=synced).exists()


def test_removing_a_code_the_school_does_not_have_is_explained(as_admin, synced):
    response = as_admin.post(reverse("sen-code-remove"), {"code": "ZZ"}, follow=True)
    assert "no custom SEN code ZZ" in response.content.decode()


def test_re_adding_a_custom_sen_code_asks_before_replacing_it(as_admin, synced):
    SenCode.objects.create(school=synced, code="MP", provision="E")
    response = as_admin.post(reverse("sen-code-add"), {"code": "mp", "provision": "K"})
    page = response.content.decode()
    assert "Custom SEN code <strong>MP</strong> already means E (EHC plan)" in page
    assert "Replace with K (SEN support)" in page
    assert SenCode.objects.get(school=synced).provision == "E"
    assert not AuditEvent.objects.filter(school=synced).exists()


def test_replacing_a_custom_sen_code_says_what_it_replaced(as_admin, synced):
    SenCode.objects.create(school=synced, code="MP", provision="E")
    form = {"code": "MP", "provision": "K", "replace": "yes"}
    response = as_admin.post(reverse("sen-code-add"), form, follow=True)
    assert "Custom SEN code MP now means K (SEN support): it replaced E (EHC plan)." in (
        response.content.decode()
    )
    assert SenCode.objects.get(school=synced).provision == "K"


def test_the_audit_log_keeps_a_replaced_codes_old_meaning(as_admin, synced):
    SenCode.objects.create(school=synced, code="MP", provision="E")
    form = {"code": "MP", "provision": "K", "replace": "yes"}
    as_admin.post(reverse("sen-code-add"), form)
    event = AuditEvent.objects.get(school=synced, action="settings_changed")
    assert event.detail["sen_codes_changed"] == {"MP": "E -> K"}
    assert "MP = E -&gt; K" in as_admin.get(reverse("audit-log")).content.decode()
