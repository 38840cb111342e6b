from django.urls import path
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from coproduce.permissions import AreaScopedPermissionPolicy

from . import admin_views
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
from .permissions import ReadOnlyAreaScopedPolicy
from .viewsets import PanelsViewSetGroup

register_permission_policy(Panel, AreaScopedPermissionPolicy(Panel))
register_permission_policy(Membership, AreaScopedPermissionPolicy(Membership))
register_permission_policy(Session, AreaScopedPermissionPolicy(Session))
register_permission_policy(SessionPaper, AreaScopedPermissionPolicy(SessionPaper))
register_permission_policy(Recommendation, AreaScopedPermissionPolicy(Recommendation))
register_permission_policy(Escalation, AreaScopedPermissionPolicy(Escalation))
register_permission_policy(PaymentEntry, ReadOnlyAreaScopedPolicy(PaymentEntry))
register_permission_policy(RsvpReply, ReadOnlyAreaScopedPolicy(RsvpReply))


@hooks.register("register_admin_viewset")
def register_panels():
    return PanelsViewSetGroup()


@hooks.register("register_admin_urls")
def register_panels_admin_urls():
    return [
        path(
            "panels/sessions/<int:pk>/invite/",
            admin_views.InviteView.as_view(),
            name="panels_session_invite",
        ),
        path(
            "panels/sessions/<int:pk>/register/",
            admin_views.RegisterView.as_view(),
            name="panels_session_register",
        ),
        path(
            "panels/sessions/<int:pk>/cancel/",
            admin_views.CancelView.as_view(),
            name="panels_session_cancel",
        ),
        path(
            "panels/members/<int:pk>/send-link/",
            admin_views.SendMemberLinkView.as_view(),
            name="panels_send_member_link",
        ),
    ]
