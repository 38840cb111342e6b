"""Escalations: what a panel raises with a governance group, and the dated history of the
group's answer."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from coproduce.models import Theme

from .models import Escalation, EscalationUpdate, Panel, Recommendation


def escalate(
    *,
    raised_by: Panel,
    governance_group: Panel,
    summary: str,
    themes: list[Theme] | None = None,
    recommendation: Recommendation | None = None,
    owner: str = "",
    due_on: date | None = None,
    by=None,
    at: datetime | None = None,
) -> Escalation:
    """Put a panel's point to a governance group; starts its history with an "open" entry.

    Raises ValidationError if the group isn't a governance group in the panel's area.
    """
    at = at or timezone.now()
    with transaction.atomic():
        escalation = Escalation(
            raised_by=raised_by,
            governance_group=governance_group,
            recommendation=recommendation,
            summary=summary,
            owner=owner,
            due_on=due_on,
            created_at=at,
        )
        escalation.full_clean()
        escalation.save()
        if themes:
            escalation.themes.set(themes)
        EscalationUpdate.objects.create(
            escalation=escalation,
            status=escalation.status,
            note="Raised by " + raised_by.name,
            created_at=at,
            created_by=by,
        )
    return escalation


def update_escalation(
    *,
    escalation: Escalation,
    status: str,
    note: str = "",
    declined_reason: str = "",
    by=None,
    at: datetime | None = None,
) -> EscalationUpdate:
    """Move ``escalation`` to ``status`` and add a dated entry to its history.

    Raises ValidationError when declining without a reason.
    """
    at = at or timezone.now()
    with transaction.atomic():
        escalation = Escalation.objects.select_for_update().get(pk=escalation.pk)
        escalation.status = status
        if status == Escalation.Status.DECLINED:
            escalation.declined_reason = declined_reason or escalation.declined_reason
        escalation.full_clean()
        escalation.save()
        return EscalationUpdate.objects.create(
            escalation=escalation,
            status=status,
            note=note or (declined_reason if status == Escalation.Status.DECLINED else ""),
            created_at=at,
            created_by=by,
        )


def record_edit(*, escalation: Escalation, previous_status: str | None, note: str, by) -> None:
    """After the admin form saved ``escalation``: add a history entry when its status changed
    or a note was given (a new escalation always gets its first entry)."""
    if previous_status == escalation.status and not note.strip():
        return
    if escalation.status == Escalation.Status.DECLINED and not escalation.declined_reason:
        raise ValidationError({"declined_reason": "Say why it was declined."})
    default_note = "Raised by " + escalation.raised_by.name if previous_status is None else ""
    EscalationUpdate.objects.create(
        escalation=escalation,
        status=escalation.status,
        note=note.strip() or default_note,
        created_by=by,
    )
