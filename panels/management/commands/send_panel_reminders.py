from django.core.management.base import BaseCommand

from panels.reminders import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the panel reminders that are due now (24 h and 2 h before each session). "
        "Safe to run as often as you like, e.g. every 10 minutes from cron: nobody is "
        "reminded twice, and nothing is sent in quiet hours."
    )

    def handle(self, *args, **options) -> None:
        sent = send_due_reminders()
        self.stdout.write(f"Queued {sent} panel reminder(s).")
