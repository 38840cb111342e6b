from django.db import migrations

from coproduce.roles import AREA_ADMIN, COORDINATOR, ensure_permissions_exist, grant, revoke

ROLE_PERMISSIONS = {
    AREA_ADMIN: [
        "sms.view_message",
        "sms.view_attention",
        "sms.change_attention",
        "sms.use_simulator",
        "sms.send_prompt",
        "sms.add_smstemplate",
        "sms.change_smstemplate",
        "sms.delete_smstemplate",
        "sms.view_smstemplate",
    ],
    # Coordinators read conversations, deal with the needs-attention queue and ask for
    # feedback. Panel organisers, finance and governance viewers never read people's texts.
    COORDINATOR: [
        "sms.view_message",
        "sms.view_attention",
        "sms.change_attention",
        "sms.use_simulator",
        "sms.send_prompt",
        "sms.view_smstemplate",
    ],
}


def grant_roles(apps, schema_editor):
    ensure_permissions_exist(apps)
    for role, permissions in ROLE_PERMISSIONS.items():
        grant(apps, role, permissions)


def revoke_roles(apps, schema_editor):
    for role, permissions in ROLE_PERMISSIONS.items():
        revoke(apps, role, permissions)


class Migration(migrations.Migration):
    dependencies = [("sms", "0001_initial"), ("coproduce", "0002_roles")]

    operations = [migrations.RunPython(grant_roles, revoke_roles)]
