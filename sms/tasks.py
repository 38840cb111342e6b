from django_tasks import task

from . import outbound


@task()
def send_message_task(message_id: int) -> None:
    outbound.send_message(message_id)


@task()
def send_email_alert_task(subject: str, body: str, recipients: list[str]) -> None:
    from django.core.mail import send_mail

    send_mail(subject, body, None, recipients, fail_silently=False)
