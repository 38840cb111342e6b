from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from coproduce.permissions import AreaScopedPermissionPolicy

from . import admin_views, dashboard
from .models import Attention, Message, SmsTemplate
from .permissions import ReadOnlyAreaScopedPolicy
from .viewsets import TextsViewSetGroup

register_permission_policy(Message, ReadOnlyAreaScopedPolicy(Message))
register_permission_policy(Attention, ReadOnlyAreaScopedPolicy(Attention))
register_permission_policy(SmsTemplate, AreaScopedPermissionPolicy(SmsTemplate))


@hooks.register("register_admin_viewset")
def register_texts():
    return TextsViewSetGroup()


@hooks.register("register_admin_urls")
def register_sms_admin_urls():
    return [
        path(
            "sms/people/<int:pk>/",
            admin_views.ConversationView.as_view(),
            name="sms_conversation",
        ),
        path("sms/simulator/", admin_views.SimulatorView.as_view(), name="sms_simulator"),
        path("sms/ask-for-feedback/", admin_views.FeedbackPromptView.as_view(), name="sms_prompt"),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def simulator_menu_item():
    return PermissionMenuItem(
        "SMS simulator",
        reverse("sms_simulator"),
        icon_name="mobile-alt",
        order=160,
        permission="sms.use_simulator",
    )


@hooks.register("register_admin_menu_item")
def prompt_menu_item():
    return PermissionMenuItem(
        "Ask for feedback",
        reverse("sms_prompt"),
        icon_name="mail",
        order=155,
        permission="sms.send_prompt",
    )


hooks.register("construct_homepage_panels", dashboard.add_needs_attention_panel)
