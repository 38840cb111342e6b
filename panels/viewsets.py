"""Admin screens for panels, members, sessions, escalations and what is owed. Every screen
shows only the user's areas (see ``coproduce.permissions``)."""

from django import forms
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.timezone import localtime
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from coproduce import views as core_views
from coproduce.viewsets import AreaScopedViewSet

from . import escalations, papers, sessions
from .forms import (
    EscalationForm,
    MembershipForm,
    PanelForm,
    RecommendationForm,
    SessionForm,
    SessionPaperForm,
)
from .models import (
    Escalation,
    Membership,
    Panel,
    PaymentEntry,
    Recommendation,
    RsvpReply,
    Session,
    SessionPaper,
)
from .permissions import VIEW_ACCESS_NEEDS
from .wording import pounds, short_when


class PanelViewSet(AreaScopedViewSet):
    model = Panel
    # Not "panels": that is the namespace of the members' own pages.
    name = "panel_groups"
    menu_label = "Panels and groups"
    icon = "group"
    list_display = ["name", "kind", "area", BooleanColumn("is_active", label="Active")]
    list_filter = ["kind"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("area"),
            FieldPanel("name"),
            FieldPanel("kind"),
            FieldPanel("description"),
            FieldPanel("rate_pence"),
            FieldPanel("is_active"),
        ],
        base_form_class=PanelForm,
    )


class MembershipInspectView(core_views.ScopedInspectView):
    def get_fields(self):
        fields = super().get_fields()
        if not self.request.user.has_perm(VIEW_ACCESS_NEEDS):
            fields = [name for name in fields if name != "access_needs"]
        return fields


class MembershipViewSet(AreaScopedViewSet):
    model = Membership
    name = "panel_members"
    menu_label = "Panel members"
    icon = "user"
    inspect_view_class = MembershipInspectView
    list_display = [
        "person",
        "panel",
        "role",
        DateColumn("joined_on", label="Joined"),
        BooleanColumn("is_paused", label="Taking a break"),
        DateColumn("left_on", label="Left"),
        Column(
            "send_link",
            label="",
            accessor=lambda m: format_html(
                '<a href="{}">Text them a link to their page</a>',
                reverse("panels_send_member_link", args=[m.pk]),
            ),
        ),
    ]
    list_filter = ["role", "panel"]
    search_fields = ["person__display_name"]
    inspect_view_fields = [
        "person",
        "panel",
        "role",
        "joined_on",
        "left_on",
        "paused_at",
        "preferred_contact",
        "access_needs",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("panel"),
            FieldPanel("person"),
            FieldPanel("role"),
            FieldPanel("joined_on"),
            FieldPanel("left_on"),
            FieldPanel("preferred_contact"),
            # Not on the form at all without the permission: nobody overwrites what they
            # can't see.
            FieldPanel(
                "access_needs",
                widget=forms.Textarea(attrs={"rows": 3}),
                permission=VIEW_ACCESS_NEEDS,
            ),
        ],
        base_form_class=MembershipForm,
    )


class SessionEditView(core_views.ScopedEditView):
    def save_instance(self):
        session = super().save_instance()
        sessions.session_changed(session=session, changed_fields=self.form.changed_data)
        return session


def _session_actions(session: Session) -> str:
    links = [
        (reverse("panels_session_invite", args=[session.pk]), "Invite"),
        (reverse("panels_session_register", args=[session.pk]), "Register"),
    ]
    if not session.is_cancelled:
        links.append((reverse("panels_session_cancel", args=[session.pk]), "Cancel"))
    return format_html_join(" · ", '<a href="{}">{}</a>', links)


class SessionViewSet(AreaScopedViewSet):
    model = Session
    name = "panel_sessions"
    menu_label = "Sessions"
    icon = "date"
    edit_view_class = SessionEditView
    list_display = [
        Column("starts_at", label="When", accessor=lambda s: short_when(s.starts_at)),
        "panel",
        "title",
        Column("place", label="Where"),
        Column("status", label="Status", accessor="get_status_display"),
        Column("actions", label="", accessor=_session_actions),
    ]
    list_filter = ["panel", "status"]
    search_fields = ["title", "venue"]
    ordering = ["-starts_at"]
    inspect_view_fields = [
        "panel",
        "title",
        "starts_at",
        "ends_at",
        "venue",
        "venue_address",
        "venue_access_notes",
        "online_link",
        "capacity",
        "status",
        "agenda",
        "notes",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("panel"),
            FieldPanel("title"),
            MultiFieldPanel(
                [FieldPanel("starts_at"), FieldPanel("ends_at")], heading="When (London time)"
            ),
            MultiFieldPanel(
                [
                    FieldPanel("venue"),
                    FieldPanel("venue_address"),
                    FieldPanel("venue_access_notes"),
                    FieldPanel("online_link"),
                ],
                heading="Where",
            ),
            FieldPanel("capacity"),
            FieldPanel("agenda"),
            FieldPanel("notes"),
        ],
        base_form_class=SessionForm,
    )


class SessionPaperSaveMixin:
    def save_instance(self):
        paper = super().save_instance()
        papers.make_private(paper.document)
        return paper


class SessionPaperCreateView(SessionPaperSaveMixin, AreaScopedViewSet.add_view_class):
    pass


class SessionPaperEditView(SessionPaperSaveMixin, core_views.ScopedEditView):
    pass


class SessionPaperViewSet(AreaScopedViewSet):
    """Agendas and papers. Saving one moves its document into the restricted collection, so
    only members (through their page) and organisers can open it."""

    model = SessionPaper
    name = "session_papers"
    menu_label = "Session papers"
    icon = "doc-full"
    add_view_class = SessionPaperCreateView
    edit_view_class = SessionPaperEditView
    list_display = ["__str__", "session"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [FieldPanel("session"), FieldPanel("document"), FieldPanel("title")],
        base_form_class=SessionPaperForm,
    )


class RecommendationViewSet(AreaScopedViewSet):
    model = Recommendation
    name = "recommendations"
    menu_label = "Recommendations"
    icon = "comment"
    list_display = [
        Column("text", label="Recommendation", accessor=lambda r: r.text[:80]),
        "session",
    ]
    search_fields = ["text"]
    edit_handler = ObjectList(
        [FieldPanel("session"), FieldPanel("text")], base_form_class=RecommendationForm
    )


class RecordsEscalationHistory:
    """Every save of an escalation, new or edited, adds a dated entry to its history."""

    def status_before_edit(self) -> str | None:
        return None

    def save_instance(self):
        previous_status = self.status_before_edit()
        escalation = super().save_instance()
        escalations.record_edit(
            escalation=escalation,
            previous_status=previous_status,
            note=self.form.cleaned_data.get("update_note", ""),
            by=self.request.user,
        )
        return escalation


class EscalationCreateView(RecordsEscalationHistory, AreaScopedViewSet.add_view_class):
    pass


class EscalationEditView(RecordsEscalationHistory, core_views.ScopedEditView):
    def status_before_edit(self) -> str | None:
        return Escalation.objects.values_list("status", flat=True).get(pk=self.object.pk)


class EscalationInspectView(core_views.ScopedInspectView):
    def get_updates_display_value(self):
        rows = (
            (
                date_format(localtime(update.created_at), "DATE_FORMAT"),
                update.get_status_display(),
                update.note,
            )
            for update in self.object.updates.all()
        )
        return format_html("<ol>{}</ol>", format_html_join("", "<li>{}: {}. {}</li>", rows))

    def get_themes_display_value(self):
        return ", ".join(theme.name for theme in self.object.themes.all()) or "None"


class EscalationViewSet(AreaScopedViewSet):
    model = Escalation
    name = "escalations"
    icon = "pick"
    add_view_class = EscalationCreateView
    edit_view_class = EscalationEditView
    inspect_view_class = EscalationInspectView
    list_display = [
        Column("summary", label="Summary", accessor=lambda e: e.summary[:80]),
        "raised_by",
        "governance_group",
        Column("status", label="Status", accessor="get_status_display"),
        DateColumn("due_on", label="Due"),
        BooleanColumn("is_public", label="Public"),
    ]
    list_filter = ["status", "is_public"]
    search_fields = ["summary"]
    inspect_view_fields = [
        "summary",
        "raised_by",
        "governance_group",
        "themes",
        "owner",
        "due_on",
        "status",
        "declined_reason",
        "is_public",
        "public_response",
        "updates",
    ]
    edit_handler = ObjectList(
        [
            FieldPanel("raised_by"),
            FieldPanel("governance_group"),
            FieldPanel("recommendation"),
            FieldPanel("summary"),
            FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
            FieldPanel("owner"),
            FieldPanel("due_on"),
            MultiFieldPanel(
                [FieldPanel("status"), FieldPanel("declined_reason"), FieldPanel("update_note")],
                heading="Status",
            ),
            MultiFieldPanel(
                [FieldPanel("public_response"), FieldPanel("is_public")],
                heading="You said, we did",
            ),
        ],
        base_form_class=EscalationForm,
    )


class PaymentEntryViewSet(AreaScopedViewSet):
    model = PaymentEntry
    name = "panel_payments"
    menu_label = "Owed to members"
    icon = "doc-full"
    list_display = [
        DateColumn("created_at", label="Recorded"),
        "person",
        "session",
        Column("amount_pence", label="Amount", accessor=lambda e: pounds(e.amount_pence)),
        Column("status", label="Status", accessor="get_status_display"),
    ]
    list_filter = ["status", "kind"]
    search_fields = ["person__display_name"]
    inspect_view_fields = ["person", "session", "amount_pence", "kind", "status", "created_at"]
    form_fields = ["amount_pence"]  # never offered: the policy refuses add and change


class RsvpReplyViewSet(AreaScopedViewSet):
    """Every RSVP answer, including the ones that changed nothing (not invited, too late):
    organisers can follow up with the person."""

    model = RsvpReply
    name = "rsvp_replies"
    menu_label = "RSVP replies"
    icon = "mail"
    list_display = [
        DateColumn("received_at", label="When"),
        "person",
        "session",
        Column("channel", label="By", accessor="get_channel_display"),
        Column("text", label="What they said", accessor=lambda r: r.text[:60]),
        Column("outcome", label="What happened", accessor="get_outcome_display"),
    ]
    list_filter = ["outcome", "channel"]
    search_fields = ["text"]
    ordering = ["-received_at"]
    form_fields = ["text"]  # never offered: the policy refuses add and change


class PanelsViewSetGroup(ViewSetGroup):
    menu_label = "Panels"
    menu_icon = "group"
    menu_order = 250
    items = (
        PanelViewSet,
        MembershipViewSet,
        SessionViewSet,
        SessionPaperViewSet,
        RecommendationViewSet,
        RsvpReplyViewSet,
        EscalationViewSet,
        PaymentEntryViewSet,
    )
