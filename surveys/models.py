"""Feedback from cohort members, whatever channel it came by."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from coproduce.models import Area, AreaScopedQuerySet, Person, Service


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
    # The SMS conversation this came from, if any.
    conversation = models.ForeignKey(
        "sms.Conversation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
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

    def __str__(self) -> str:
        return f"{self.get_channel_display()} feedback {self.created_at:%d %b %Y}"

    def add_text(self, more: str) -> None:
        more = more.strip()
        if more:
            self.text = f"{self.text}\n{more}".strip()
