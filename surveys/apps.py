from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    label = "surveys"
    verbose_name = "Feedback"

    def ready(self) -> None:
        from coproduce.models import Consent
        from sms.handlers import register

        from . import sms_feedback

        register(
            sms_feedback.HANDLER,
            sms_feedback.handle,
            load_with=("response",),
            consents=(Consent.Kind.QUOTE_WORDS.value,),
        )
