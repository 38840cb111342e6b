"""Text messages in and out, the conversations they form, and what needs a person's attention."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.fields import EncryptedTextField, PhoneHashField
from coproduce.models import Area, AreaScopedQuerySet, Person


class MessageQuerySet(AreaScopedQuerySet):
    def inbound(self) -> "MessageQuerySet":
        return self.filter(direction=Message.Direction.INBOUND)

    def outbound(self) -> "MessageQuerySet":
        return self.filter(direction=Message.Direction.OUTBOUND)

    def needing_reprocessing(self, *, stale_after=timedelta(minutes=10)) -> "MessageQuerySet":
        """Inbound texts that failed, or were stored but never finished (the request died
        before it could mark the failure)."""
        stuck = Q(status=Message.Status.RECEIVED, created_at__lt=timezone.now() - stale_after)
        return self.inbound().filter(Q(status=Message.Status.FAILED) | stuck)


class Message(models.Model):
    """One text, in or out. Inbound rows are stored before anything else happens to them."""

    class Direction(models.TextChoices):
        INBOUND = "in", "Received"
        OUTBOUND = "out", "Sent"

    class Status(models.TextChoices):
        # Inbound
        RECEIVED = "received", "Received, not yet handled"
        PROCESSED = "processed", "Handled"
        FAILED = "failed", "Failed (will be retried)"
        # Outbound, in the order Twilio moves through them
        HELD = "held", "Held until morning (quiet hours)"
        QUEUED = "queued", "Waiting to send"
        ACCEPTED = "accepted", "Accepted by Twilio"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        REPLIED = "replied", "Sent as a reply"
        DELIVERED = "delivered", "Delivered"
        UNDELIVERED = "undelivered", "Not delivered"
        SEND_FAILED = "send_failed", "Could not send"
        CANCELLED = "cancelled", "Not sent"

    class Kind(models.TextChoices):
        FEEDBACK = "feedback", "Feedback"
        KEYWORD = "keyword", "Keyword"
        REPLY = "reply", "Reply"
        PROMPT = "prompt", "Feedback prompt"
        INVITATION = "invitation", "Invitation"
        REMINDER = "reminder", "Reminder"
        ALERT = "alert", "Staff alert"
        SIMULATED = "simulated", "Simulator"

    direction = models.CharField(max_length=3, choices=Direction.choices)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FEEDBACK)
    status = models.CharField(max_length=20, choices=Status.choices)
    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="messages"
    )
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    conversation = models.ForeignKey(
        "Conversation", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages"
    )
    # Twilio's MessageSid (inbound) or the SID it gave our send (outbound).
    provider_sid = models.CharField(max_length=64, null=True, blank=True, unique=True)
    # The other party's number, encrypted; found by hash. Non-E.164 senders are kept as given.
    phone = EncryptedTextField(blank=True)
    phone_hash = PhoneHashField(source="phone")
    our_number = models.CharField(max_length=32, blank=True)
    body = models.TextField(blank=True)
    num_media = models.PositiveSmallIntegerField(default=0)
    # Every parameter Twilio posted, encrypted (it holds the sender's number).
    raw = EncryptedTextField(blank=True)
    error_code = models.CharField(max_length=10, blank=True)
    error_message = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    send_after = models.DateTimeField(null=True, blank=True)
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    # Outbound: when this is sent, open (or refresh) a conversation handled by this handler.
    opens_handler = models.CharField(max_length=30, blank=True)
    opens_context = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    status_updated_at = models.DateTimeField(null=True, blank=True)
    processed_at = models.DateTimeField(null=True, blank=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["phone_hash", "direction", "created_at"]),
            models.Index(fields=["status"]),
        ]
        permissions = [
            ("use_simulator", "Can use the SMS simulator"),
            ("send_prompt", "Can text people asking for feedback"),
        ]

    def __str__(self) -> str:
        arrow = "←" if self.direction == self.Direction.INBOUND else "→"
        return f"{arrow} {self.body[:40]}"

    @classmethod
    def reply_to(cls, inbound: "Message", body: str, *, at) -> "Message":
        """An unsaved row for a reply sent in the webhook's answer (TwiML) to ``inbound``."""
        return cls(
            direction=cls.Direction.OUTBOUND,
            kind=cls.Kind.REPLY,
            status=cls.Status.REPLIED,
            area=inbound.area,
            person=inbound.person,
            phone=inbound.phone,
            our_number=inbound.our_number,
            conversation=inbound.conversation,
            in_reply_to=inbound,
            body=body,
            created_at=at,
            status_updated_at=at,
        )

    @property
    def segments(self) -> int:
        from .gsm import segment_count

        return segment_count(self.body)


def open_conversation_q(*, at=None, prefix: str = "") -> Q:
    """Not closed, and still inside the window for an answer (``prefix``: the path to the
    conversation from another model, e.g. "conversations__")."""
    at = at or timezone.now()
    return Q(**{f"{prefix}closed_at__isnull": True, f"{prefix}expires_at__gt": at})


class Conversation(models.Model):
    """A short exchange with one person, owned by one registered handler (feedback, RSVP...).

    A reply within the window is an answer to the last question; after it, it's new.
    """

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="conversations")
    handler = models.CharField(max_length=30)
    step = models.CharField(max_length=30, blank=True)
    context = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["person", "closed_at", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.handler} with {self.person}"

    @staticmethod
    def window() -> timedelta:
        return timedelta(hours=settings.SMS_CONVERSATION_WINDOW_HOURS)

    def advance(self, *, step: str, context: dict | None = None, at=None) -> None:
        """Move to ``step`` and restart the window from now."""
        self.step = step
        if context is not None:
            self.context = context
        self.expires_at = (at or timezone.now()) + self.window()
        self.save(update_fields=["step", "context", "expires_at"])

    def close(self, *, at=None, context: dict | None = None) -> None:
        """Close it now (or ``at``), saving ``context`` with it if given."""
        self.closed_at = at or timezone.now()
        fields = ["closed_at"]
        if context is not None:
            self.context = context
            fields.append("context")
        self.save(update_fields=fields)


class AttentionQuerySet(AreaScopedQuerySet):
    def open(self) -> "AttentionQuerySet":
        return self.filter(resolved_at__isnull=True)


class Attention(models.Model):
    """An item in the staff "needs attention" queue."""

    class Reason(models.TextChoices):
        SAFEGUARDING = "safeguarding", "Possible risk to self or others"
        POSSIBLE_OPT_OUT = "possible_opt_out", "May want to stop messages"
        MEDIA = "media", "Sent a picture or file"
        PROCESSING_FAILED = "processing_failed", "Could not be handled"
        UNUSUAL_SENDER = "unusual_sender", "Unusual sender or missing details"
        SEND_FAILED = "send_failed", "A message to them failed"

    area = models.ForeignKey(
        Area, null=True, blank=True, on_delete=models.PROTECT, related_name="attention_items"
    )
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attention")
    reason = models.CharField(max_length=30, choices=Reason.choices)
    detail = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    resolution_note = models.CharField(max_length=300, blank=True)

    objects = AttentionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "needs attention item"
        constraints = [
            models.UniqueConstraint(
                fields=["message", "reason"], name="attention_one_per_message_and_reason"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.created_at:%d %b %H:%M})"

    def resolve(self, *, by, note: str = "") -> None:
        self.resolved_at = timezone.now()
        self.resolved_by = by
        self.resolution_note = note
        self.save(update_fields=["resolved_at", "resolved_by", "resolution_note"])


class SmsTemplate(models.Model):
    """An area's own wording for one of the system's texts. Missing ones use the defaults."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="sms_templates")
    key = models.CharField(max_length=30)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "key"]
        constraints = [
            models.UniqueConstraint(fields=["area", "key"], name="sms_template_unique_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.area}: {self.key}"
