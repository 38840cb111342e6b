from django.apps import AppConfig


class CoproduceConfig(AppConfig):
    name = "coproduce"
    label = "coproduce"
    verbose_name = "Coproduce core"
    default_auto_field = "django.db.models.BigAutoField"
