from coproduce.permissions import AreaScopedPermissionPolicy

VIEW_ACCESS_NEEDS = "panels.view_access_needs"


class ReadOnlyAreaScopedPolicy(AreaScopedPermissionPolicy):
    """Payment entries are a record: seen by those allowed, never changed through the admin
    (a mistake is put right by a reversing entry)."""

    def user_has_permission(self, user, action) -> bool:
        return action == "view" and super().user_has_permission(user, action)
