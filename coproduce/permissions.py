"""Who may do what to which rows of the core models: Wagtail permission policies.

A role's Django permissions say *what* it may do (``change_person``); these policies add
*where*: staff act only on rows in their own areas, and only national users (and superusers)
change what every area shares. The admin views ask these policies, so the rules live here
rather than in each view. ``wagtail_hooks`` registers them.
"""

from django.db.models import Model, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

ANY_ACTION = ["add", "change", "delete", "view"]
EDIT_ACTIONS = {"add", "change", "delete"}
VIEW_PHONE_NUMBER = "coproduce.view_phone_number"


def area_ids_for(user) -> set[int]:
    """Ids of the areas ``user`` works in, read once per request and kept on the user."""
    if not hasattr(user, "_coproduce_area_ids"):
        user._coproduce_area_ids = set(user.areas.values_list("pk", flat=True))
    return user._coproduce_area_ids


class AreaScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, limited to the rows in the user's areas (all areas if national)."""

    def visible_instances(self, user) -> QuerySet:
        return self.model._default_manager.for_user(user)

    def is_in_users_areas(self, user, instance: Model) -> bool:
        return user.sees_all_areas or instance.area_id in area_ids_for(user)

    def instances_user_has_any_permission_for(self, user, actions) -> QuerySet:
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.visible_instances(user)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        return self.user_has_permission(user, action) and self.is_in_users_areas(user, instance)


class ThemePermissionPolicy(AreaScopedPermissionPolicy):
    """Shared themes (no area) are seen by all but changed only by national users, so every
    area's feedback stays comparable."""

    def is_in_users_areas(self, user, instance: Model) -> bool:
        return instance.area_id is None or super().is_in_users_areas(user, instance)

    def user_has_permission_for_instance(self, user, action, instance) -> bool:
        if instance.area_id is None and action in EDIT_ACTIONS and not user.sees_all_areas:
            return False
        return super().user_has_permission_for_instance(user, action, instance)


class AreaPermissionPolicy(AreaScopedPermissionPolicy):
    """Staff see the areas they work in. Only national users and superusers add or rename
    areas, and nobody deletes one: everything in it points at it (deactivate it instead)."""

    def visible_instances(self, user) -> QuerySet:
        if not user.is_active:
            return self.model._default_manager.none()
        return user.visible_areas()

    def is_in_users_areas(self, user, instance: Model) -> bool:
        return user.sees_all_areas or instance.pk in area_ids_for(user)

    def user_has_permission(self, user, action) -> bool:
        if not user.is_active or action == "delete":
            return False
        if action in EDIT_ACTIONS:
            return user.sees_all_areas
        return user.sees_all_areas or super().user_has_permission(user, action)
