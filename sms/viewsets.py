"""Admin screens for texts: message log, needs-attention queue and per-area wording."""

from django import forms
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.viewsets.base import ViewSetGroup

from coproduce.phones import mask_phone
from coproduce.viewsets import AreaScopedViewSet

from . import admin_views
from .forms import SegmentCounterTextarea, SmsTemplateForm
from .models import Attention, Message, SmsTemplate
from .texts import KEY_CHOICES


def _conversation_link(person):
    if person is None:
        return ""
    return format_html('<a href="{}">{}</a>', reverse("sms_conversation", args=[person.pk]), person)


class MessageViewSet(AreaScopedViewSet):
    model = Message
    name = "sms_messages"
    menu_label = "Message log"
    icon = "mail"
    list_filter = ["direction", "status", "kind", "area"]
    list_display = [
        DateColumn("created_at", label="When"),
        Column("direction", label="In/out", accessor="get_direction_display"),
        Column("person", label="Person", accessor=lambda m: _conversation_link(m.person)),
        Column("phone", label="Number", accessor=lambda m: mask_phone(m.phone)),
        Column("body", label="Text", accessor=lambda m: m.body[:80]),
        Column("status", label="Status", accessor="get_status_display"),
        "error_code",
    ]
    inspect_view_fields = [
        "created_at",
        "direction",
        "kind",
        "status",
        "area",
        "person",
        "body",
        "num_media",
        "error_code",
        "error_message",
        "attempts",
        "send_after",
        "provider_sid",
    ]
    search_fields = ["body"]
    ordering = ["-created_at"]
    # Never offered: the permission policy refuses add and change for messages.
    form_fields = ["body"]
    # A log, not content: indexing each text's references to its person and area would queue
    # a background task on every save, two or three per inbound text.
    add_to_reference_index = False


class AttentionViewSet(AreaScopedViewSet):
    model = Attention
    name = "sms_attention"
    menu_label = "Needs attention"
    icon = "warning"
    list_filter = ["reason", "area"]
    list_display = [
        DateColumn("created_at", label="Raised"),
        Column("reason", label="Why", accessor="get_reason_display"),
        Column("person", label="Person", accessor=lambda a: _conversation_link(a.message.person)),
        Column("detail", label="Detail"),
        Column(
            "resolved_at", label="Dealt with", accessor=lambda a: "Yes" if a.resolved_at else "No"
        ),
    ]
    inspect_view_class = admin_views.AttentionInspectView
    ordering = ["resolved_at", "-created_at"]
    # Never offered: items are resolved with their own button, not edited.
    form_fields = ["resolution_note"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/resolve/", admin_views.ResolveAttentionView.as_view(), name="resolve"),
        ]


class SmsTemplateViewSet(AreaScopedViewSet):
    model = SmsTemplate
    name = "sms_templates"
    menu_label = "Text wording"
    icon = "edit"
    list_display = ["key", "area", Column("body", label="Text")]
    edit_handler = ObjectList(
        [
            FieldPanel("area"),
            FieldPanel("key", widget=forms.Select(choices=KEY_CHOICES)),
            FieldPanel(
                "body",
                widget=SegmentCounterTextarea,
                help_text="Plain letters only (no smart quotes or emoji), and one text: at most "
                "160 characters once names are filled in.",
            ),
        ],
        base_form_class=SmsTemplateForm,
    )


class TextsViewSetGroup(ViewSetGroup):
    menu_label = "Texts"
    menu_icon = "mail"
    menu_order = 150
    items = (AttentionViewSet, MessageViewSet, SmsTemplateViewSet)
