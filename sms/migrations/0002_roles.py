from django.db import migrations

from coproduce.roles import AREA_ADMIN, COORDINATOR, grant_roles_operation

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


class Migration(migrations.Migration):
    dependencies = [("sms", "0001_initial"), ("coproduce", "0002_roles")]

    operations = [grant_roles_operation(ROLE_PERMISSIONS)]
