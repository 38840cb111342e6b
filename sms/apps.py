from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "sms"
    label = "sms"
    verbose_name = "Text messages"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from coproduce import area_setup

        from .models import SmsTemplate

        for signal in (post_save, post_delete):
            signal.connect(
                area_setup.setup_changed, sender=SmsTemplate, dispatch_uid="sms_template_setup"
            )
