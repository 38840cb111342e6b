"""The "Needs attention" summary on the Wagtail dashboard, for staff who deal with it."""

from django.db.models import Count, Q
from django.urls import reverse
from wagtail.admin.ui.components import Component

from .models import Attention


class NeedsAttentionPanel(Component):
    name = "needs_attention"
    order = 50
    template_name = "sms/admin/needs_attention_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        counts = (
            Attention.objects.for_user(self.user)
            .open()
            .aggregate(
                open_count=Count("pk"),
                safeguarding_count=Count("pk", filter=Q(reason=Attention.Reason.SAFEGUARDING)),
            )
        )
        return {**counts, "url": reverse("sms_attention:index")}


def add_needs_attention_panel(request, panels) -> None:
    if request.user.has_perm("sms.view_attention"):
        panels.append(NeedsAttentionPanel(request.user))
