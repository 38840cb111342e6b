"""The feedback inbox's admin views: Wagtail's generic views, scoped to the user's areas, showing
identities and unredacted words only to those with the permission."""

from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from wagtail.admin.ui.tables import TitleColumn

from coproduce.views import ScopedEditView, ScopedIndexView, ScopedInspectView

from .models import VIEW_RESPONDENT

# Shown only to staff with the identity permission.
IDENTITY_FIELDS = {"person", "contact_details", "text"}


class ResponseIndexView(ScopedIndexView):
    page_title = "Feedback inbox"

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("area", "service", "person")
            .prefetch_related("theme_links__theme")
        )

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        # The row opens the response, not the themes form.
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(
            field_name, column_class, get_url=self.get_inspect_url, **kwargs
        )

    @cached_property
    def columns(self):
        columns = super().columns
        if self.request.user.has_perm(VIEW_RESPONDENT):
            return columns
        return [column for column in columns if column.name not in IDENTITY_FIELDS]


class ResponseInspectView(ScopedInspectView):
    LABELS = {
        "created_at": "Received",
        "redacted_text": "Words with names and numbers taken out",
        "consent_to_quote": "Their words may be quoted without their name",
        "is_safeguarding": "Safeguarding concern",
        "contact_details": "Contact them back on",
    }

    def get_field_label(self, field_name, field):
        return self.LABELS.get(field_name) or super().get_field_label(field_name, field)

    def get_consent_to_quote_display_value(self):
        return "Yes" if self.object.consent_to_quote else "No"

    def get_is_safeguarding_display_value(self):
        return "Yes: words suggest risk" if self.object.is_safeguarding else "No"

    def get_fields(self):
        fields = super().get_fields()
        if self.can_see_identity:
            return fields
        return [name for name in fields if name not in IDENTITY_FIELDS]

    @property
    def can_see_identity(self) -> bool:
        return self.request.user.has_perm(VIEW_RESPONDENT)

    def get_redacted_text_display_value(self):
        if self.can_see_identity:
            return self.object.redacted_text
        return self.object.words_for(self.request.user)

    def get_feeling_score_display_value(self):
        return self.object.feeling_score or "Not given"

    def get_answers_display_value(self):
        if not self.object.answers:
            return "None"
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", "<li>{}: {}</li>", self.object.answers.items()),
        )

    def get_themes_display_value(self):
        links = self.object.theme_links.select_related("theme").order_by("theme__name")
        return ", ".join(str(link) for link in links) or "None yet"

    def get_contact_details_display_value(self):
        return self.object.contact_details or "None (anonymous)"

    def get_person_display_value(self):
        return self.object.person or "Anonymous"


class ResponseEditView(ScopedEditView):
    pass
