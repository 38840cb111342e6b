from django.db import migrations

from coproduce.roles import (
    ALL_ROLES,
    AREA_ADMIN,
    COORDINATOR,
    FINANCE,
    GOVERNANCE_VIEWER,
    PANEL_ORGANISER,
    ensure_permissions_exist,
    grant,
)

# Permissions for the core models. Later apps' migrations add their own.
ROLE_PERMISSIONS = {
    AREA_ADMIN: [
        "wagtailadmin.access_admin",
        "coproduce.view_area",
        "coproduce.add_person",
        "coproduce.change_person",
        "coproduce.delete_person",
        "coproduce.view_person",
        "coproduce.view_phone_number",
        "coproduce.add_consent",
        "coproduce.view_consent",
        "coproduce.add_service",
        "coproduce.change_service",
        "coproduce.delete_service",
        "coproduce.view_service",
        "coproduce.add_theme",
        "coproduce.change_theme",
        "coproduce.delete_theme",
        "coproduce.view_theme",
    ],
    COORDINATOR: [
        "wagtailadmin.access_admin",
        "coproduce.add_person",
        "coproduce.change_person",
        "coproduce.view_person",
        "coproduce.view_phone_number",
        "coproduce.add_consent",
        "coproduce.view_consent",
        "coproduce.view_service",
        "coproduce.view_theme",
    ],
    # Organisers see who is on their panels, not their phone numbers: messages go out
    # through the system.
    PANEL_ORGANISER: [
        "wagtailadmin.access_admin",
        "coproduce.view_person",
        "coproduce.view_service",
        "coproduce.view_theme",
    ],
    FINANCE: [
        "wagtailadmin.access_admin",
        "coproduce.view_person",
    ],
    # Governance viewers see aggregates and themes, never identities.
    GOVERNANCE_VIEWER: [
        "wagtailadmin.access_admin",
        "coproduce.view_theme",
    ],
}


def create_roles(apps, schema_editor):
    ensure_permissions_exist(apps)
    for role, permissions in ROLE_PERMISSIONS.items():
        grant(apps, role, permissions)


def delete_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("coproduce", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, delete_roles)]
