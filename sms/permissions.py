from coproduce.permissions import AreaScopedPermissionPolicy


class ReadOnlyAreaScopedPolicy(AreaScopedPermissionPolicy):
    """Messages and needs-attention items are a record: staff in the area may read them; nobody
    edits or deletes one (items are resolved with their own button)."""

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and super().user_has_permission(user, action)
