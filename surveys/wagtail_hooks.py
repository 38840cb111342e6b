from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Response
from .permissions import ResponsePermissionPolicy
from .viewsets import ResponseViewSet

register_permission_policy(Response, ResponsePermissionPolicy(Response))


@hooks.register("register_admin_viewset")
def register_feedback_inbox():
    return ResponseViewSet()
