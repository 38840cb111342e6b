from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import Area, Person, Service, Theme
from .permissions import AreaPermissionPolicy, AreaScopedPermissionPolicy, ThemePermissionPolicy
from .two_factor.hooks import backup_codes_account_menu_item
from .viewsets import PeopleAndServicesViewSetGroup

# Before any view asks for them: Wagtail would otherwise fall back to plain model permissions.
register_permission_policy(Area, AreaPermissionPolicy(Area))
register_permission_policy(Person, AreaScopedPermissionPolicy(Person))
register_permission_policy(Service, AreaScopedPermissionPolicy(Service))
register_permission_policy(Theme, ThemePermissionPolicy(Theme))


@hooks.register("register_admin_viewset")
def register_people_and_services():
    return PeopleAndServicesViewSetGroup()


hooks.register("register_account_menu_item", backup_codes_account_menu_item)
