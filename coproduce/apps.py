from django.apps import AppConfig
from wagtail.users import apps as wagtail_users_apps


class CoproduceConfig(AppConfig):
    name = "coproduce"
    label = "coproduce"
    verbose_name = "Coproduce core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import area_setup
        from .models import Service

        for signal in (post_save, post_delete):
            signal.connect(area_setup.setup_changed, sender=Service, dispatch_uid="service_setup")


class CoproduceUsersConfig(wagtail_users_apps.WagtailUsersAppConfig):
    """Wagtail's users app, with user screens that set staff areas and the national role."""

    default = False
    user_viewset = "coproduce.viewsets.StaffUserViewSet"
