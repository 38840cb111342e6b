from django.db import migrations

from coproduce.roles import (
    AREA_ADMIN,
    COORDINATOR,
    FINANCE,
    GOVERNANCE_VIEWER,
    PANEL_ORGANISER,
    grant_roles_operation,
)


def _crud(model, actions=("add", "change", "delete", "view")):
    return [f"panels.{action}_{model}" for action in actions]


ROLE_PERMISSIONS = {
    AREA_ADMIN: [
        *_crud("panel"),
        *_crud("membership"),
        *_crud("session"),
        *_crud("sessionpaper"),
        *_crud("recommendation"),
        *_crud("escalation"),
        "panels.view_rsvpreply",
        "panels.view_paymententry",
        "panels.view_access_needs",
        "panels.invite_members",
        "panels.record_attendance",
    ],
    # Organisers run panels: members (and their access needs), sessions, invitations, the
    # register and escalations. They don't delete panels or see the payments screen.
    PANEL_ORGANISER: [
        *_crud("panel", ("add", "change", "view")),
        *_crud("membership"),
        *_crud("session"),
        *_crud("sessionpaper"),
        *_crud("recommendation"),
        *_crud("escalation", ("add", "change", "view")),
        "panels.view_rsvpreply",
        "panels.view_access_needs",
        "panels.invite_members",
        "panels.record_attendance",
    ],
    # Coordinators see what panels are doing in their area; they don't run them.
    COORDINATOR: [
        "panels.view_panel",
        "panels.view_session",
        "panels.view_escalation",
    ],
    # Finance sees what is owed, and the sessions it was owed for. No members' details.
    FINANCE: [
        "panels.view_paymententry",
        "panels.view_session",
        "panels.view_panel",
    ],
    # Governance viewers follow escalations. Escalations hold no names, numbers or access
    # needs; members, sessions and payments stay hidden from them.
    GOVERNANCE_VIEWER: [
        "panels.view_escalation",
        "panels.view_panel",
    ],
}


class Migration(migrations.Migration):
    dependencies = [("panels", "0001_initial"), ("coproduce", "0002_roles")]

    operations = [grant_roles_operation(ROLE_PERMISSIONS)]
