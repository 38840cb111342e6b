"""Staff roles are Wagtail groups. Migrations create them and grant each the least it needs.

These helpers take the historical ``apps`` registry so they work inside data migrations; each
app's own migrations add the permissions for its models to the roles that need them.
"""

AREA_ADMIN = "Area admin"
COORDINATOR = "Coordinator"
PANEL_ORGANISER = "Panel organiser"
FINANCE = "Finance"
GOVERNANCE_VIEWER = "Governance viewer"

ALL_ROLES = [AREA_ADMIN, COORDINATOR, PANEL_ORGANISER, FINANCE, GOVERNANCE_VIEWER]


def ensure_permissions_exist(apps) -> None:
    """Create Permission rows now; Django otherwise only makes them after all migrations."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = None


def grant(apps, role: str, permissions: list[str]) -> None:
    """Give ``role`` each ``app_label.codename`` permission, creating the group if needed."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=role)
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
        group.permissions.add(permission)


def revoke(apps, role: str, permissions: list[str]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name=role).first()
    if group is None:
        return
    for dotted in permissions:
        app_label, codename = dotted.split(".", 1)
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        )


def grant_roles_operation(role_permissions: dict[str, list[str]]):
    """A migration operation granting each role its permissions (and taking them back when
    the migration is reversed). Apps' role migrations are just their table and this."""
    from django.db import migrations

    def forwards(apps, schema_editor):
        ensure_permissions_exist(apps)
        for role, permissions in role_permissions.items():
            grant(apps, role, permissions)

    def backwards(apps, schema_editor):
        for role, permissions in role_permissions.items():
            revoke(apps, role, permissions)

    return migrations.RunPython(forwards, backwards)
