"""Peer advisory panels and governance groups: members, sessions, invitations, attendance,
what is owed for attending, and escalations that come back as "you said, we did".

Rules that touch several rows, money or texts live in the domain modules (``invitations``,
``attendance``, ``escalations``, ``reminders``, ``member_links``); single-row rules are here.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from wagtail.documents import get_document_model_string

from coproduce.models import AppendOnly, Area, AreaScopedQuerySet, AreaThrough, Person, Theme

from .wording import short_when


class PanelQuerySet(AreaScopedQuerySet):
    def governance(self) -> "PanelQuerySet":
        return self.filter(kind=Panel.Kind.GOVERNANCE)

    def active(self) -> "PanelQuerySet":
        return self.filter(is_active=True)


class Panel(models.Model):
    """A group that meets: a peer advisory panel, a lived-experience reference group, or a
    governance group (strategic board, operational group) that panels escalate to."""

    class Kind(models.TextChoices):
        PEER_ADVISORY = "peer_advisory", "Peer advisory panel"
        LIVED_EXPERIENCE = "lived_experience", "Lived-experience reference group"
        GOVERNANCE = "governance", "Governance group (strategic board, operational group)"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="panels")
    name = models.CharField(
        max_length=100, help_text="Short: it goes in text messages, e.g. 'Riverside Voices'."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PEER_ADVISORY)
    description = models.TextField(blank=True, help_text="What the panel does, in plain words.")
    rate_pence = models.PositiveIntegerField(
        "payment per session (pence)",
        default=0,
        help_text="What each member is owed for attending a session, in pence (2500 = £25). "
        "0 for an unpaid group.",
    )
    is_active = models.BooleanField(default=True)

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ["area", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "name"],
                name="panel_unique_name_per_area",
                violation_error_message="This area already has a panel with that name.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_governance_group(self) -> bool:
        return self.kind == self.Kind.GOVERNANCE


class MembershipQuerySet(AreaScopedQuerySet):
    def current(self, *, on=None) -> "MembershipQuerySet":
        """Members who have joined and not left (paused members included)."""
        on = on or timezone.localdate()
        return self.filter(joined_on__lte=on).filter(Q(left_on__isnull=True) | Q(left_on__gt=on))

    def invitable(self) -> "MembershipQuerySet":
        """Current members who are not taking a break."""
        return self.current().filter(paused_at__isnull=True)


class Membership(AreaThrough, models.Model):
    """One person's place on one panel."""

    area_through = ("panel",)

    class Role(models.TextChoices):
        MEMBER = "member", "Member"
        CO_CHAIR = "co_chair", "Co-chair"
        FACILITATOR = "facilitator", "Facilitator"
        STAFF = "staff", "Staff"

    # Staff attend as part of their job: only these roles are owed a payment.
    PAID_ROLES = frozenset({Role.MEMBER, Role.CO_CHAIR, Role.FACILITATOR})

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(default=timezone.localdate)
    left_on = models.DateField(null=True, blank=True)
    paused_at = models.DateTimeField(
        null=True, blank=True, help_text="Set while they take a break: no invitations."
    )
    access_needs = models.TextField(
        blank=True,
        help_text="Only organisers and area admins see this. E.g. step-free access, "
        "large print, a quiet room, someone to come with them.",
    )
    preferred_contact = models.CharField(
        max_length=20,
        choices=Person.Contact.choices,
        blank=True,
        help_text="Leave empty to use what is on their person record.",
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["panel", "person__display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "person"],
                name="membership_unique_person_per_panel",
                violation_error_message="This person is already on this panel.",
            )
        ]
        permissions = [("view_access_needs", "Can see members' access needs")]

    def __str__(self) -> str:
        return f"{self.person} on {self.panel}"

    @property
    def contact_method(self) -> str:
        return self.preferred_contact or self.person.preferred_contact

    @property
    def is_paused(self) -> bool:
        return self.paused_at is not None

    @property
    def has_left(self) -> bool:
        return self.left_on is not None and self.left_on <= timezone.localdate()

    def clean(self) -> None:
        if self.panel_id and self.person_id and self.person.area_id != self.panel.area_id:
            raise ValidationError({"person": "Choose someone in the panel's area."})
        if self.left_on and self.joined_on and self.left_on < self.joined_on:
            raise ValidationError({"left_on": "They can't leave before they joined."})

    def pause(self, *, at=None) -> None:
        self.paused_at = at or timezone.now()
        self.save(update_fields=["paused_at"])

    def resume(self) -> None:
        self.paused_at = None
        self.save(update_fields=["paused_at"])

    def leave(self, *, on=None) -> None:
        self.left_on = on or timezone.localdate()
        self.save(update_fields=["left_on"])


class SessionQuerySet(AreaScopedQuerySet):
    def scheduled(self) -> "SessionQuerySet":
        return self.filter(status=Session.Status.SCHEDULED)

    def upcoming(self, *, at=None) -> "SessionQuerySet":
        return self.scheduled().filter(ends_at__gt=at or timezone.now()).order_by("starts_at")

    def past(self, *, at=None) -> "SessionQuerySet":
        return self.filter(starts_at__lte=at or timezone.now()).order_by("-starts_at")


class Session(AreaThrough, models.Model):
    """One meeting of a panel. Times are stored in UTC and shown in London time."""

    area_through = ("panel",)

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        CANCELLED = "cancelled", "Cancelled"

    panel = models.ForeignKey(Panel, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(max_length=150, blank=True, help_text="Optional, e.g. 'Housing'.")
    starts_at = models.DateTimeField(help_text="London time.")
    ends_at = models.DateTimeField(help_text="London time.")
    venue = models.CharField(
        max_length=150, blank=True, help_text="Short: it goes in texts, e.g. 'Hope Centre'."
    )
    venue_address = models.CharField(max_length=250, blank=True)
    venue_access_notes = models.TextField(
        blank=True, help_text="Step-free access, toilets, quiet room, how to find the room."
    )
    online_link = models.URLField(blank=True, help_text="For online sessions. Only members see it.")
    agenda = models.TextField(blank=True)
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Places available. Leave empty for no limit."
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    notes = models.TextField("session notes", blank=True, help_text="What was discussed.")
    # Bumped on every change members are told about, so calendars replace the old event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    invitations_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_it_starts",
                violation_error_message="The session must end after it starts.",
            )
        ]
        permissions = [
            ("invite_members", "Can invite members to sessions"),
            ("record_attendance", "Can record who came to a session"),
        ]

    def __str__(self) -> str:
        label = f"{self.panel} {short_when(self.starts_at)}"
        return f"{label}: {self.title}" if self.title else label

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self) -> bool:
        return bool(self.online_link) and not self.venue

    @property
    def place(self) -> str:
        return self.venue or ("online" if self.online_link else "to be confirmed")

    def has_started(self, *, at=None) -> bool:
        return self.starts_at <= (at or timezone.now())

    def has_ended(self, *, at=None) -> bool:
        return self.ends_at <= (at or timezone.now())

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The session must end after it starts."})
        if self.starts_at and self.ends_at and self.ends_at - self.starts_at > timedelta(hours=12):
            raise ValidationError({"ends_at": "A session can't be longer than 12 hours."})

    def places_taken(self) -> int:
        return self.invitations.filter(status=Invitation.Status.COMING).count()

    def has_free_place(self) -> bool:
        return self.capacity is None or self.places_taken() < self.capacity


class SessionPaper(AreaThrough, models.Model):
    """An agenda or paper for a session: a Wagtail document, served only to members."""

    area_through = ("session", "panel")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="papers")
    document = models.ForeignKey(
        get_document_model_string(), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=150, blank=True)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.title or self.document.title


class InvitationQuerySet(AreaScopedQuerySet):
    def coming(self) -> "InvitationQuerySet":
        return self.filter(status=Invitation.Status.COMING)

    def still_expected(self) -> "InvitationQuerySet":
        """Everyone who hasn't said no: told about changes and cancellations."""
        return self.filter(
            status__in=[
                Invitation.Status.INVITED,
                Invitation.Status.COMING,
                Invitation.Status.WAITING,
            ]
        )


class Invitation(AreaThrough, models.Model):
    """One person asked to one session, and what they said."""

    area_through = ("session", "panel")

    class Status(models.TextChoices):
        INVITED = "invited", "Invited, no answer yet"
        COMING = "coming", "Coming"
        WAITING = "waiting", "On the waiting list"
        NOT_COMING = "not_coming", "Not coming"

    class Channel(models.TextChoices):
        SMS = "sms", "Text message"
        WEB = "web", "Their web page"
        STAFF = "staff", "Recorded by staff"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="invitations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="invitations")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.INVITED)
    invited_at = models.DateTimeField(default=timezone.now)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.CharField(max_length=10, choices=Channel.choices, blank=True)
    # When they joined the waiting list: the first in line gets the next free place.
    waiting_since = models.DateTimeField(null=True, blank=True)
    reminded_day_before_at = models.DateTimeField(null=True, blank=True)
    reminded_same_day_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["session", "invited_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="invitation_unique_person_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_status_display()}"


class RsvpReply(AreaThrough, models.Model):
    """Every RSVP answer we get, by text or on the web, and what we did with it. Kept even
    when it changed nothing (not invited, too late, not understood): nothing is lost."""

    area_through = ("person",)

    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        UNCLEAR = "unclear", "Not understood"

    class Outcome(models.TextChoices):
        BOOKED = "booked", "Booked a place"
        WAITING_LIST = "waiting_list", "Put on the waiting list"
        ALREADY_BOOKED = "already_booked", "Already booked"
        ALREADY_WAITING = "already_waiting", "Already on the waiting list"
        DECLINED = "declined", "Said they can't come"
        NOT_INVITED = "not_invited", "Not invited to this session"
        NOT_A_MEMBER = "not_a_member", "Not a current member"
        TOO_LATE = "too_late", "Session already started or over"
        CANCELLED_SESSION = "cancelled_session", "Session was cancelled"
        NOT_UNDERSTOOD = "not_understood", "Asked them again"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rsvp_replies")
    session = models.ForeignKey(
        Session, null=True, blank=True, on_delete=models.SET_NULL, related_name="rsvp_replies"
    )
    message = models.ForeignKey(
        "sms.Message", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    channel = models.CharField(max_length=10, choices=Invitation.Channel.choices)
    text = models.TextField(blank=True)
    answer = models.CharField(max_length=10, choices=Answer.choices)
    outcome = models.CharField(max_length=20, choices=Outcome.choices)
    received_at = models.DateTimeField(default=timezone.now)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = "RSVP reply"

    def __str__(self) -> str:
        return f"{self.get_answer_display()}: {self.get_outcome_display()}"


class Attendance(models.Model):
    """Who came to a session. One row per person per session, however often it is saved."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendances")
    was_present = models.BooleanField(default=True)
    arrived_late_at = models.TimeField(null=True, blank=True)
    left_early_at = models.TimeField(null=True, blank=True)
    is_walk_in = models.BooleanField(default=False, help_text="Came without an invitation.")
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["session", "person__display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "person"], name="attendance_unique_person_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"


class PaymentEntryQuerySet(AreaScopedQuerySet):
    def owed(self) -> "PaymentEntryQuerySet":
        return self.filter(status=PaymentEntry.Status.OWED)


class PaymentEntry(AppendOnly, models.Model):
    """Money owed to someone for taking part. Written once and never edited: a mistake is put
    right by a reversing entry (the full ledger comes with payments)."""

    never_edited = "Payment entries are never edited; add a reversing entry."

    class Kind(models.TextChoices):
        SESSION_FEE = "session_fee", "Session attendance"

    class Status(models.TextChoices):
        OWED = "owed", "Owed"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="payment_entries")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="payment_entries")
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="payment_entries")
    amount_pence = models.PositiveIntegerField("amount (pence)")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SESSION_FEE)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OWED)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PaymentEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name_plural = "payment entries"
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0),
                name="payment_entry_amount_positive",
                violation_error_message="An amount must be a whole number of pence above 0.",
            ),
            # Attendance saved twice must not owe twice.
            models.UniqueConstraint(
                fields=["session", "person", "kind"], name="payment_entry_once_per_session"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person}: £{self.amount_pence / 100:.2f} {self.get_status_display()}"

    @property
    def amount_pounds(self) -> str:
        pounds, pence = divmod(self.amount_pence, 100)
        return f"£{pounds:,}.{pence:02d}"


class Recommendation(AreaThrough, models.Model):
    """Something a panel recommends at a session; it may be escalated to a governance group."""

    area_through = ("session", "panel")

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(help_text="In the panel's own words.")
    created_at = models.DateTimeField(default=timezone.now)

    objects = AreaScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class EscalationQuerySet(AreaScopedQuerySet):
    def published(self) -> "EscalationQuerySet":
        return self.filter(is_public=True).exclude(public_response="")

    def for_area(self, area: Area) -> "EscalationQuerySet":
        return self.filter(raised_by__area=area)

    def open(self) -> "EscalationQuerySet":
        return self.exclude(status__in=[Escalation.Status.DONE, Escalation.Status.DECLINED])


class Escalation(AreaThrough, models.Model):
    """A panel's recommendation put to a governance group, and the group's answer."""

    area_through = ("raised_by",)

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DECLINED = "declined", "Declined"

    raised_by = models.ForeignKey(
        Panel, on_delete=models.PROTECT, related_name="escalations_raised"
    )
    governance_group = models.ForeignKey(
        Panel,
        on_delete=models.PROTECT,
        related_name="escalations_received",
        limit_choices_to={"kind": Panel.Kind.GOVERNANCE},
    )
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="escalations",
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="escalations")
    summary = models.TextField(help_text="What the panel raised, without names.")
    owner = models.CharField(
        max_length=150, blank=True, help_text="Who in the governance group is doing it (a role)."
    )
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    declined_reason = models.TextField(blank=True, help_text="Needed if it is declined.")
    is_public = models.BooleanField(
        "show on 'You said, we did'",
        default=False,
        help_text="Only when the public answer below is written in plain English.",
    )
    public_response = models.TextField(
        "what changed, or why it couldn't",
        blank=True,
        help_text="Plain English for the public page. No names.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EscalationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(declined_reason=""),
                name="escalation_declined_needs_reason",
                violation_error_message="Say why it was declined.",
            )
        ]

    def __str__(self) -> str:
        return self.summary[:60]

    # How the status reads on the public "You said, we did" page.
    PUBLIC_STATUS = {
        Status.OPEN: "Being looked at",
        Status.ACCEPTED: "Agreed",
        Status.IN_PROGRESS: "Being worked on",
        Status.DONE: "Done",
        Status.DECLINED: "We couldn't do this",
    }

    @property
    def public_status(self) -> str:
        return self.PUBLIC_STATUS[self.status]

    def clean(self) -> None:
        errors = {}
        if self.status == self.Status.DECLINED and not self.declined_reason.strip():
            errors["declined_reason"] = "Say why it was declined."
        if self.governance_group_id and not self.governance_group.is_governance_group:
            errors["governance_group"] = "Choose a governance group."
        if (
            self.governance_group_id
            and self.raised_by_id
            and self.governance_group.area_id != self.raised_by.area_id
        ):
            errors["governance_group"] = "Choose a governance group in the panel's area."
        if self.is_public and not self.public_response.strip():
            errors["public_response"] = "Write what changed, or why it couldn't, to publish it."
        if errors:
            raise ValidationError(errors)


class EscalationUpdate(AppendOnly, models.Model):
    """A dated entry in an escalation's history. Added, never edited."""

    never_edited = "Escalation history is never edited; add a new update."

    escalation = models.ForeignKey(Escalation, on_delete=models.CASCADE, related_name="updates")
    status = models.CharField(max_length=20, choices=Escalation.Status.choices)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["escalation", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} on {self.created_at:%d %b %Y}"


class MemberLink(models.Model):
    """A one-time link to a member's own page, sent by text. Only a hash of the token is kept."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="member_links")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Link for {self.person} ({self.created_at:%d %b %H:%M})"
