from django.apps import AppConfig


class PanelsConfig(AppConfig):
    name = "panels"
    label = "panels"
    verbose_name = "Panels"

    def ready(self) -> None:
        from sms.handlers import register, register_claim

        from . import sms_rsvp
        from .invitations import RSVP_HANDLER

        register(RSVP_HANDLER, sms_rsvp.handle)
        register_claim(RSVP_HANDLER, sms_rsvp.claims_unprompted_answer)
