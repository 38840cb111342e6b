from django_tasks import task

from . import outbound


@task()
def send_message_task(message_id: int) -> None:
    outbound.send_message(message_id)


@task()
def apply_status_callback_task(sid: str, status: str, error_code: str, attempt: int) -> None:
    outbound.apply_status_callback(sid=sid, status=status, error_code=error_code, attempt=attempt)


@task()
def send_email_alert_task(subject: str, body: str, recipients: list[str]) -> None:
    from django.core.mail import send_mail

    send_mail(subject, body, None, recipients, fail_silently=False)
