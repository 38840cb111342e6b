"""The feedback inbox: every response from every channel, scoped to the user's areas."""

from wagtail.admin.panels import FieldPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn

from coproduce.viewsets import AreaScopedViewSet

from . import views
from .filters import ResponseFilterSet
from .forms import ResponseThemesForm
from .models import Response


class WordsColumn(Column):
    """The words the signed-in user may read (see ``Response.words_for``)."""

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        words = instance.words_for(parent_context["request"].user)
        context["value"] = words if len(words) <= 120 else words[:119] + "…"
        return context


def _themes(response: Response) -> str:
    return ", ".join(link.theme.name for link in response.theme_links.all())


class ResponseViewSet(AreaScopedViewSet):
    model = Response
    name = "feedback"
    menu_label = "Feedback inbox"
    icon = "comment"
    add_to_admin_menu = True
    menu_order = 140
    # Records, not content: indexing their references queued a background task on every
    # save, one or two per inbound text.
    add_to_reference_index = False
    index_view_class = views.ResponseIndexView
    inspect_view_class = views.ResponseInspectView
    edit_view_class = views.ResponseEditView
    filterset_class = ResponseFilterSet
    ordering = ["-created_at"]
    list_per_page = 50
    list_display = [
        "__str__",
        DateColumn("created_at", label="When"),
        Column("area", label="Area"),
        Column("service", label="Service"),
        Column("feeling_score", label="Score"),
        WordsColumn("words", label="What they said"),
        Column("person", label="Person", accessor=lambda r: r.person or "Anonymous"),
        Column("themes", label="Themes", accessor=_themes),
        # Only the ones that matter stand out: a red cross on every safe row was noise.
        Column(
            "is_safeguarding",
            label="Safeguarding",
            accessor=lambda r: "Yes: possible risk" if r.is_safeguarding else "",
        ),
    ]
    search_fields = ["redacted_text"]
    inspect_view_fields = [
        "created_at",
        "channel",
        "area",
        "service",
        "feeling_score",
        "redacted_text",
        "text",
        "answers",
        "themes",
        "consent_to_quote",
        "is_safeguarding",
        "person",
        "contact_details",
    ]
    edit_handler = ObjectList(
        [
            HelpPanel(template="surveys/admin/response_words_panel.html", heading="What they said"),
            FieldPanel("confirmed_themes"),
        ],
        base_form_class=ResponseThemesForm,
    )
