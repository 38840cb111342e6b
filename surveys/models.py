"""Feedback from cohort members, whatever channel it came by."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.fields import EncryptedTextField
from coproduce.models import Area, AreaScopedQuerySet, Person, Service, Theme

VIEW_RESPONDENT = "surveys.view_respondent"


class ResponseQuerySet(AreaScopedQuerySet):
    def for_area(self, area: Area) -> "ResponseQuerySet":
        return self.filter(area=area)

    def quotable(self) -> "ResponseQuerySet":
        """Responses whose redacted words may be shown: consent given, never safeguarding."""
        return self.filter(consent_to_quote=True, is_safeguarding=False).exclude(redacted_text="")


class Response(models.Model):
    """One piece of feedback: how a service made someone feel, in their words."""

    class Channel(models.TextChoices):
        SMS = "sms", "Text message"
        WEB = "web", "Web page"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="responses")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    service = models.ForeignKey(
        Service, null=True, blank=True, on_delete=models.SET_NULL, related_name="responses"
    )
    feeling_score = models.PositiveSmallIntegerField(
        "how it made them feel",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text="1 very bad to 5 very good.",
    )
    text = models.TextField("what they said", blank=True)
    redacted_text = models.TextField(
        blank=True, help_text="Their words with names and numbers removed, for display."
    )
    consent_to_quote = models.BooleanField(default=False)
    # Messages suggesting risk are handled by staff and never shown as quotes.
    is_safeguarding = models.BooleanField(default=False)
    # The SMS conversation that built this, if any: one response per conversation, loaded
    # with the conversation when a reply comes in (see surveys.apps).
    conversation = models.OneToOneField(
        "sms.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="response",
    )
    # Web only: answers to a page's extra questions, {question: answer}.
    answers = models.JSONField(default=dict, blank=True)
    # Web only: how they asked to be contacted back, if at all. Staff with the identity
    # permission see it; nobody else does.
    contact_details = EncryptedTextField(blank=True, help_text="Stored encrypted.")
    # Web only: the one-time token from the form, so a double submit stores one response.
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    themes = models.ManyToManyField(
        Theme, through="ResponseTheme", blank=True, related_name="responses"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(feeling_score__isnull=True)
                | Q(feeling_score__gte=1, feeling_score__lte=5),
                name="response_feeling_score_1_to_5",
            )
        ]
        permissions = [
            (
                "view_respondent",
                "Can see who gave feedback, their contact details and their unredacted words",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} feedback {self.created_at:%d %b %Y}"

    def words_for(self, user) -> str:
        """The words ``user`` may read: in full with the identity permission; otherwise the
        redacted text, and nothing of a safeguarding message (staff deal with those)."""
        if user.has_perm(VIEW_RESPONDENT):
            return self.text
        if self.is_safeguarding:
            return "[Hidden: passed to staff as a safeguarding concern]"
        return self.redacted_text

    def add_text(self, more: str) -> None:
        more = more.strip()
        if more:
            self.text = f"{self.text}\n{more}".strip()


class ResponseTheme(models.Model):
    """A theme on a response: suggested (by a rule or a model) until staff confirm it."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"  # not yet checked by a person
        CONFIRMED = "confirmed", "Confirmed"  # a coordinator agreed it fits

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="theme_links")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="response_links")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SUGGESTED)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "theme"], name="response_theme_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.theme} ({self.get_status_display().lower()})"
