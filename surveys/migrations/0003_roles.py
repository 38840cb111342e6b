from django.db import migrations

from coproduce.roles import AREA_ADMIN, COORDINATOR, GOVERNANCE_VIEWER, ensure_permissions_exist, grant, revoke

ROLE_PERMISSIONS = {
    # Area admins and coordinators read the feedback inbox in full and confirm themes.
    AREA_ADMIN: ["surveys.view_response", "surveys.change_response", "surveys.view_respondent"],
    COORDINATOR: ["surveys.view_response", "surveys.change_response", "surveys.view_respondent"],
    # Governance viewers read redacted words only: never who said them or how to reach them.
    # Panel organisers and finance don't read feedback.
    GOVERNANCE_VIEWER: ["surveys.view_response"],
}


def grant_roles(apps, schema_editor):
    ensure_permissions_exist(apps)
    for role, permissions in ROLE_PERMISSIONS.items():
        grant(apps, role, permissions)


def revoke_roles(apps, schema_editor):
    for role, permissions in ROLE_PERMISSIONS.items():
        revoke(apps, role, permissions)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_web_feedback_and_themes"), ("coproduce", "0002_roles")]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
