"""Demo panels for Riverside: a peer advisory panel and a women's reference group with a year
of monthly sessions (invitations, attendance, what is owed), two governance groups, and
escalations at every status, two of them public for "you said, we did".

Idempotent: panels by (area, name), memberships by (panel, person), sessions by (panel, start),
escalations by (panel, summary); a past session that already has a register is left alone.
Deterministic: random.Random(RANDOM_SEED). Sends nothing: invitations are written as rows.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone

from coproduce.demo import RIVERSIDE
from coproduce.models import Area, Person, Theme

from .attendance import RegisterLine, record_attendance
from .escalations import escalate, update_escalation
from .models import Escalation, Invitation, Membership, Panel, Session
from .wording import LONDON

RANDOM_SEED = 5
MONTHS_BACK = 12


@dataclass(frozen=True)
class DemoPanel:
    name: str
    kind: str
    description: str
    rate_pence: int
    weekday: int  # 0 = Monday: meets on the first of these each month
    hour: int
    venue: str
    venue_address: str
    access_notes: str
    members: int


PANELS = [
    DemoPanel(
        "Riverside Voices",
        Panel.Kind.PEER_ADVISORY,
        "People with lived experience of homelessness, addiction, prison or mental ill-health, "
        "telling the partnership what works and what doesn't.",
        2500,
        1,
        14,
        "Hope Centre",
        "12 Mill Lane, Riverside",
        "Step-free entrance on Mill Lane. Quiet room next to the kitchen. Dogs welcome.",
        8,
    ),
    DemoPanel(
        "Women's Reference Group",
        Panel.Kind.LIVED_EXPERIENCE,
        "A women-only group that looks at how services work for women.",
        2000,
        3,
        11,
        "The Lantern",
        "3 Quay Street, Riverside",
        "Women-only space. Lift to the first floor. Creche can be arranged.",
        5,
    ),
]
GOVERNANCE = [
    ("Riverside Strategic Board", "Heads of service. Meets quarterly to unblock system barriers."),
    ("Riverside Operational Group", "Frontline managers. Meets every six weeks on cases."),
]


@dataclass(frozen=True)
class DemoEscalation:
    summary: str
    themes: tuple[str, ...]
    governance_group: str
    owner: str
    history: tuple[tuple[str, str], ...]  # (status, note), after "open"
    public_response: str = ""
    declined_reason: str = ""


ESCALATIONS = [
    DemoEscalation(
        "Appointment letters arrive after the appointment, and people are marked as not engaging.",
        ("communication", "access-and-waiting"),
        "Riverside Strategic Board",
        "Head of Housing Options",
        (
            ("accepted", "Agreed at the board."),
            ("in_progress", "Housing testing text reminders."),
            ("done", "Text reminders now sent for every housing appointment."),
        ),
        public_response="Housing now sends a text reminder two days before every appointment, "
        "as well as a letter. A missed letter no longer counts as not engaging.",
    ),
    DemoEscalation(
        "People leaving prison on a Friday can't get a GP appointment or a script until Monday.",
        ("criminal-justice", "substance-use-services"),
        "Riverside Strategic Board",
        "Probation lead",
        (("accepted", "Probation and the drug service to meet."),),
    ),
    DemoEscalation(
        "The benefits office is closed at lunchtime, when outreach workers can bring people.",
        ("benefits-and-money", "access-and-waiting"),
        "Riverside Operational Group",
        "DWP partnership manager",
        (),
        public_response="Opening hours are set nationally, so the office can't change them. "
        "Instead, a work coach now comes to the Hope Centre drop-in every Thursday at 1pm.",
        declined_reason="Opening hours are set nationally.",
    ),
    DemoEscalation(
        "Hostel staff talk about people in front of other residents.",
        ("staff-attitude", "respect-and-dignity"),
        "Riverside Operational Group",
        "Hostel manager",
        (("in_progress", "Training planned with Riverside Voices members as co-trainers."),),
    ),
    DemoEscalation(
        "Telling your story again at every service is exhausting.",
        ("joined-up-working",),
        "Riverside Strategic Board",
        "",
        (),
    ),
]


def _first_weekday(year: int, month: int, weekday: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7)


def _monthly_starts(spec: DemoPanel, today: date) -> list[datetime]:
    """The first <weekday> of each month from MONTHS_BACK ago to next month, London time."""
    starts = []
    for offset in range(-MONTHS_BACK, 2):
        month_index = today.year * 12 + today.month - 1 + offset
        year, month = divmod(month_index, 12)
        day = _first_weekday(year, month + 1, spec.weekday)
        starts.append(datetime(day.year, day.month, day.day, spec.hour, 0, tzinfo=LONDON))
    return starts


def seed(*, stdout: OutputWrapper) -> None:
    area = Area.objects.filter(slug=RIVERSIDE).first()
    if area is None:
        stdout.write("Panels: skipped (no Riverside area).")
        return
    rng = random.Random(RANDOM_SEED)  # noqa: S311 -- repeatable demo data
    tally = {"panels": 0, "memberships": 0, "sessions": 0, "registers": 0, "escalations": 0}
    ebes = Person.objects.filter(area=area, is_expert_by_experience=True)
    ebes = list(ebes.order_by("display_name", "pk"))
    if not ebes:
        stdout.write("Panels: skipped (no experts by experience in Riverside).")
        return
    now = timezone.now()
    for spec in PANELS:
        panel = _panel(area, spec.name, spec.kind, spec.description, spec.rate_pence, tally)
        members = _memberships(panel, ebes[: spec.members], tally)
        for starts_at in _monthly_starts(spec, timezone.localdate()):
            _session(panel, spec, starts_at, members, rng=rng, now=now, tally=tally)
    groups = {
        name: _panel(area, name, Panel.Kind.GOVERNANCE, description, 0, tally)
        for name, description in GOVERNANCE
    }
    voices = Panel.objects.get(area=area, name=PANELS[0].name)
    for number, spec in enumerate(ESCALATIONS):
        raised_at = now - timedelta(days=300 - 50 * number)
        tally["escalations"] += _escalation(voices, groups, spec, raised_at=raised_at)
    stdout.write("Panels: " + ", ".join(f"{n} {what}" for what, n in tally.items()) + " created.")


def _panel(area, name, kind, description, rate_pence, tally) -> Panel:
    panel, created = Panel.objects.get_or_create(
        area=area,
        name=name,
        defaults={"kind": kind, "description": description, "rate_pence": rate_pence},
    )
    tally["panels"] += created
    return panel


def _memberships(panel: Panel, people: list[Person], tally) -> list[Membership]:
    memberships = []
    for index, person in enumerate(people):
        defaults = {
            "role": Membership.Role.CO_CHAIR if index == 0 else Membership.Role.MEMBER,
            "joined_on": date(2025, 9, 1),
            "access_needs": "Large print papers, please." if index == 2 else "",
        }
        membership, created = Membership.objects.get_or_create(
            panel=panel, person=person, defaults=defaults
        )
        if created and index == len(people) - 1:
            # Someone taking a break, so the demo shows it.
            membership.pause(at=timezone.now())
        tally["memberships"] += created
        memberships.append(membership)
    return memberships


def _session(panel, spec: DemoPanel, starts_at, members, *, rng, now, tally) -> None:
    session, created = Session.objects.get_or_create(
        panel=panel,
        starts_at=starts_at,
        defaults={
            "ends_at": starts_at + timedelta(hours=2),
            "venue": spec.venue,
            "venue_address": spec.venue_address,
            "venue_access_notes": spec.access_notes,
            "capacity": 12,
            "agenda": "1. Welcome and check-in\n2. What's changed since last time\n"
            "3. This month's topic\n4. What we want to raise",
            "invitations_sent_at": starts_at - timedelta(days=14),
        },
    )
    tally["sessions"] += created
    if not created:
        return
    invited = [m for m in members if not m.is_paused]
    for membership in invited:
        coming = rng.random() < 0.8
        Invitation.objects.create(
            session=session,
            person=membership.person,
            invited_at=starts_at - timedelta(days=14),
            status=Invitation.Status.COMING if coming else Invitation.Status.NOT_COMING,
            answered_at=starts_at - timedelta(days=rng.randint(2, 12)),
            answered_by=rng.choice(Invitation.Channel.values),
        )
    if starts_at >= now:
        return
    session.notes = "Good discussion. Points to raise are recorded as recommendations."
    session.save(update_fields=["notes"])
    coming = session.invitations.filter(status=Invitation.Status.COMING)
    lines = [
        RegisterLine(
            person_id=invitation.person_id,
            was_present=rng.random() < 0.9,
            arrived_late_at=(starts_at + timedelta(minutes=20)).astimezone(LONDON).time()
            if rng.random() < 0.15
            else None,
        )
        for invitation in coming
    ]
    record_attendance(session=session, lines=lines, at=starts_at + timedelta(hours=2))
    tally["registers"] += 1


def _escalation(voices: Panel, groups: dict, spec: DemoEscalation, *, raised_at) -> bool:
    if Escalation.objects.filter(raised_by=voices, summary=spec.summary).exists():
        return False
    themes = list(Theme.objects.filter(area=None, slug__in=spec.themes))
    escalation = escalate(
        raised_by=voices,
        governance_group=groups[spec.governance_group],
        summary=spec.summary,
        themes=themes,
        owner=spec.owner,
        due_on=(raised_at + timedelta(days=90)).date(),
        at=raised_at,
    )
    when = raised_at
    for status, note in spec.history:
        when += timedelta(days=30)
        update_escalation(escalation=escalation, status=status, note=note, at=when)
    if spec.declined_reason:
        update_escalation(
            escalation=escalation,
            status=Escalation.Status.DECLINED,
            declined_reason=spec.declined_reason,
            at=when + timedelta(days=30),
        )
    if spec.public_response:
        escalation.refresh_from_db()
        escalation.public_response = spec.public_response
        escalation.is_public = True
        escalation.full_clean()
        escalation.save(update_fields=["public_response", "is_public", "updated_at"])
    return True
