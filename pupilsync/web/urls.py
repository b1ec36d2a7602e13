from django.contrib.auth import views as auth_views
from django.urls import path

from pupilsync.web import (
    admin_pages,
    api_access,
    audit_log,
    connection,
    ctf,
    data_protection,
    held,
    home,
    mis_sync,
    password_reset,
    permissions,
    pupils,
    sync_settings,
    termdates,
)

urlpatterns = [
    path("", home.home, name="home"),
    path(
        "sign-in/",
        home.SignInView.as_view(),
        name="login",
    ),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("sign-in/forgotten/", password_reset.ResetRequest.as_view(), name="password-reset"),
    path("sign-in/forgotten/sent/", password_reset.ResetSent.as_view(), name="password-reset-done"),
    path(
        "sign-in/reset/<uidb64>/<token>/",
        password_reset.ResetConfirm.as_view(),
        name="password-reset-confirm",
    ),
    path("sign-in/reset/done/", password_reset.ResetDone.as_view(), name="password-reset-complete"),
    path("pupils/", pupils.pupil_list, name="pupils"),
    path("pupils/<int:pupil_id>/", pupils.pupil_detail, name="pupil"),
    path("pupils/<int:pupil_id>/photo.jpg", pupils.pupil_photo, name="pupil-photo"),
    path(
        "pupils/<int:pupil_id>/subject-access/",
        data_protection.subject_access_page,
        name="pupil-subject-access",
    ),
    path(
        "pupils/<int:pupil_id>/subject-access.json",
        data_protection.subject_access_json,
        name="pupil-subject-access-json",
    ),
    path("account/admin/", admin_pages.admin_home, name="account-admin"),
    path(
        "account/admin/data-protection/",
        data_protection.data_protection,
        name="data-protection",
    ),
    path(
        "account/admin/data-protection/retention/",
        data_protection.save_retention,
        name="data-protection-retention",
    ),
    path(
        "account/admin/data-protection/erasures/<int:erasure_id>/clear/",
        data_protection.clear_erasure,
        name="data-protection-clear-erasure",
    ),
    path("account/admin/manage-pupils/", admin_pages.manage_pupils, name="manage-pupils"),
    path(
        "account/admin/manage-pupils/update-pupils/",
        admin_pages.update_pupils,
        name="update-pupils",
    ),
    path("account/admin/import/mis-sync/", mis_sync.mis_sync, name="mis-sync"),
    path("account/admin/import/mis-sync/start/", mis_sync.start_sync, name="mis-sync-start"),
    path("account/admin/import/mis-sync/retry-now/", mis_sync.retry_now, name="mis-sync-retry-now"),
    path(
        "account/admin/import/mis-sync/progress/", mis_sync.sync_progress, name="mis-sync-progress"
    ),
    path("account/admin/import/mis-sync/issues.csv", mis_sync.issues_csv, name="mis-sync-issues"),
    path("account/admin/import/mis-sync/held/approve/", held.approve, name="mis-sync-approve"),
    path("account/admin/import/mis-sync/held/discard/", held.discard, name="mis-sync-discard"),
    path(
        "account/admin/import/mis-sync/settings/",
        sync_settings.sync_settings,
        name="sync-settings",
    ),
    path(
        "account/admin/import/mis-sync/settings/save/",
        sync_settings.save_settings,
        name="sync-settings-save",
    ),
    path(
        "account/admin/import/mis-sync/settings/sen-codes/add/",
        sync_settings.add_sen_code,
        name="sen-code-add",
    ),
    path(
        "account/admin/import/mis-sync/settings/sen-codes/remove/",
        sync_settings.remove_sen_code,
        name="sen-code-remove",
    ),
    path(
        "account/admin/import/mis-sync/permissions/",
        permissions.permissions_page,
        name="sync-permissions",
    ),
    path("account/admin/import/mis-sync/audit-log/", audit_log.audit_log, name="audit-log"),
    path(
        "account/admin/manage-pupils/update-pupils/wonde/",
        connection.wonde_connection,
        name="wonde-connection",
    ),
    path("account/admin/manage-pupils/update-pupils/ctf/", ctf.ctf_upload, name="ctf-upload"),
    path(
        "account/admin/manage-pupils/update-pupils/ctf/preview/",
        ctf.ctf_preview,
        name="ctf-preview",
    ),
    path(
        "account/admin/manage-pupils/update-pupils/ctf/confirm/",
        ctf.ctf_confirm,
        name="ctf-confirm",
    ),
    path("account/admin/host-app/api/", api_access.api_access, name="api-access"),
    path("account/admin/host-app/api/keys/", api_access.create_key, name="api-key-create"),
    path(
        "account/admin/host-app/api/keys/<int:key_id>/revoke/",
        api_access.revoke_key,
        name="api-key-revoke",
    ),
    path(
        "account/admin/host-app/api/webhooks/",
        api_access.create_webhook,
        name="webhook-create",
    ),
    path(
        "account/admin/host-app/api/webhooks/<int:webhook_id>/remove/",
        api_access.remove_webhook,
        name="webhook-remove",
    ),
    path(
        "account/admin/change-school-settings/term-dates/",
        termdates.term_dates,
        name="term-dates",
    ),
]
