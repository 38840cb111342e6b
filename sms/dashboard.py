"""The "Needs attention" summary on the Wagtail dashboard, for staff who deal with it."""

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
        open_items = Attention.objects.for_user(self.user).open()
        return {
            "open_count": open_items.count(),
            "safeguarding_count": open_items.filter(reason=Attention.Reason.SAFEGUARDING).count(),
            "url": reverse("sms_attention:index"),
        }


def add_needs_attention_panel(request, panels) -> None:
    if request.user.has_perm("sms.view_attention"):
        panels.append(NeedsAttentionPanel(request.user))
