from django.db import migrations

from coproduce.roles import AREA_ADMIN, COORDINATOR, GOVERNANCE_VIEWER, grant_roles_operation

ROLE_PERMISSIONS = {
    # Area admins and coordinators read the feedback inbox in full and confirm themes.
    AREA_ADMIN: ["surveys.view_response", "surveys.change_response", "surveys.view_respondent"],
    COORDINATOR: ["surveys.view_response", "surveys.change_response", "surveys.view_respondent"],
    # Governance viewers read redacted words only: never who said them or how to reach them.
    # Panel organisers and finance don't read feedback.
    GOVERNANCE_VIEWER: ["surveys.view_response"],
}


class Migration(migrations.Migration):
    dependencies = [("surveys", "0002_web_feedback_and_themes"), ("coproduce", "0002_roles")]

    operations = [grant_roles_operation(ROLE_PERMISSIONS)]
