from django_tasks import task

from . import reminders


@task()
def send_session_reminders_task(session_id: int) -> None:
    reminders.send_due_reminders(session_id=session_id)


@task()
def send_due_reminders_task() -> None:
    reminders.send_due_reminders()
