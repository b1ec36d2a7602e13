"""Account > Admin > Import > MIS Sync > Permissions, read live from the (fake) Wonde."""

import pytest
from django.urls import reverse

from fakewonde import DEMO_SCHOOL_ID
from pupilsync.sync import permissions

pytestmark = pytest.mark.django_db


def test_each_permission_shows_granted_in_words_and_the_features_it_serves(as_admin, served):
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert "Every permission is granted." in page
    assert "Photos read" in page and "Pupil photos" in page
    assert "Denied" not in page


def test_a_denied_permission_is_marked_denied_not_only_red(as_admin, served, world):
    world.school(DEMO_SCHOOL_ID).permissions["photos.read"] = False
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert "1 permission denied" in page
    row = page.split("Photos read", 1)[1].split("</tr>", 1)[0]
    assert "Denied" in row
    assert 'class="perm-denied"' in page


def test_the_page_links_to_the_wonde_portal_and_gives_the_guides_hint(as_admin, served):
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert 'href="https://edu.wonde.com/"' in page
    assert "permissions between Wonde and your MIS" in page


def test_wonde_unreachable_is_a_clear_message_not_an_error_page(as_admin):
    # The conftest points Wonde at a closed port.
    response = as_admin.get(reverse("sync-permissions"))
    assert response.status_code == 200
    assert "Wonde could not be reached just now" in response.content.decode()


def test_a_school_wonde_has_never_heard_of_is_explained(as_admin, served, synced):
    synced.wonde_id = "A999999999"
    synced.save()
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    assert "Wonde does not know this school" in page


def test_a_permission_wonde_does_not_list_is_unknown_not_denied(as_admin, served, monkeypatch):
    guessed = permissions.NAMES | {"classes.guessed.read": "Classes guessed read"}
    monkeypatch.setattr(permissions, "NAMES", guessed)
    page = as_admin.get(reverse("sync-permissions")).content.decode()
    row = page.split("Classes guessed read", 1)[1].split("</tr>", 1)[0]
    assert "Unknown" in row and "Denied" not in row
    assert "still synced" in page
