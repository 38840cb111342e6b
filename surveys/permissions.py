from coproduce.permissions import AreaScopedPermissionPolicy


class ResponsePermissionPolicy(AreaScopedPermissionPolicy):
    """Feedback is a record of what someone said: it arrives by text or web, never typed in
    by staff, and nobody deletes it here. Staff in the area may read it; those with
    change_response confirm its themes."""

    def user_has_permission(self, user, action) -> bool:
        return action in {"view", "change"} and super().user_has_permission(user, action)
