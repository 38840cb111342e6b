"""The public feedback form. Every word a person reads goes through translation."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from coproduce.models import Service
from surveys.web_feedback import WebFeedback

# 1 very bad ... 5 very good, as in texts. Faces are decoration: the words carry the meaning.
SCORES = [
    (1, "😞", _("Very bad")),
    (2, "😟", _("Bad")),
    (3, "😐", _("OK")),
    (4, "😊", _("Good")),
    (5, "😀", _("Very good")),
]
MAX_TEXT_LENGTH = 2000
MAX_CONTACT_LENGTH = 200


class FeedbackForm(forms.Form):
    """Built per page: the service question only when the page leaves it open, then the page's
    own questions, then contact details when the page offers them."""

    token = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Something went wrong on our side. Please press Send again."),
            "invalid": _("Something went wrong on our side. Please press Send again."),
        },
    )
    feeling_score = forms.TypedChoiceField(
        label=_("How did it make you feel?"),
        choices=[(value, label) for value, _face, label in SCORES],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choose one of the five answers.")},
    )
    what_happened = forms.CharField(
        label=_("What happened?"),
        help_text=_("Tell us in your own words. You don't need to give names."),
        max_length=MAX_TEXT_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please keep it under %(limit_value)d characters. You have %(show_value)d."
            )
        },
    )
    consent_to_quote = forms.BooleanField(
        label=_("You can share my words without my name"),
        help_text=_(
            "We take out names and numbers. Then we may show your words to the people who "
            "run services, to help change things."
        ),
        required=False,
    )
    contact_details = forms.CharField(
        label=_("Do you want us to contact you? (optional)"),
        help_text=_(
            "Leave a phone number or email if you want a reply. Leave it empty to stay anonymous."
        ),
        max_length=MAX_CONTACT_LENGTH,
        required=False,
        error_messages={"max_length": _("Please keep this under %(limit_value)d characters.")},
    )
    # A trap for bots: hidden from people by CSS, so anything typed here was not typed by one.
    website = forms.CharField(label=_("Leave this empty"), required=False)

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.page = page
        if page.service_id is None:
            self.fields["service"] = forms.ModelChoiceField(
                label=_("Which service is this about?"),
                queryset=Service.objects.filter(area_id=page.area_id).active(),
                to_field_name="code",
                required=False,
                empty_label=_("Not sure, or not listed"),
                error_messages={"invalid_choice": _("Choose a service from the list.")},
            )
            self.order_fields(["token", "service"])
        else:
            self.fields["feeling_score"].label = _("How did %(service)s make you feel?") % {
                "service": page.service.name
            }
        self.question_fields = []
        for question in page.questions.all():
            name = f"question_{question.pk}"
            self.fields[name] = forms.ChoiceField(
                label=question.question,
                choices=[(choice, choice) for choice in question.choice_list],
                required=question.required,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Choose an answer."),
                    "invalid_choice": _("Choose one of the answers shown."),
                },
            )
            self.question_fields.append((name, question))
        self.order_fields(
            ["token", "service", "feeling_score", "what_happened"]
            + [name for name, _question in self.question_fields]
        )
        if not page.ask_for_contact:
            del self.fields["contact_details"]
        if not self.is_bound:
            self.initial.setdefault("token", uuid.uuid4())

    @property
    def token_value(self) -> str:
        """The token to send back: the one posted if it is a real one, else a fresh one, so a
        form that comes back with errors can still be sent once."""
        if self.is_bound:
            try:
                return str(uuid.UUID(str(self.data.get("token", ""))))
            except ValueError:
                return str(uuid.uuid4())
        return str(self.initial["token"])

    @property
    def question_bound_fields(self) -> list[forms.BoundField]:
        return [self[name] for name, _question in self.question_fields]

    @property
    def score_choices(self) -> list[tuple[int, str, str]]:
        return SCORES

    def clean(self):
        cleaned = super().clean()
        if (
            "feeling_score" in cleaned
            and "what_happened" in cleaned
            and cleaned["feeling_score"] is None
            and not cleaned["what_happened"].strip()
        ):
            self.add_error(
                "feeling_score", _("Choose how it made you feel, or tell us what happened.")
            )
        return cleaned

    def to_feedback(self) -> WebFeedback:
        data = self.cleaned_data
        page = self.page
        return WebFeedback(
            area=page.area,
            submission_token=data["token"],
            service=page.service if page.service_id else data.get("service"),
            feeling_score=data["feeling_score"],
            text=data["what_happened"],
            answers={
                question.question: data[name]
                for name, question in self.question_fields
                if data.get(name)
            },
            consent_to_quote=data["consent_to_quote"],
            contact_details=data.get("contact_details", ""),
        )
