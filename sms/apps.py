from django.apps import AppConfig


class SmsConfig(AppConfig):
    name = "sms"
    label = "sms"
    verbose_name = "Text messages"
