"""Handle again the inbound texts whose handling failed, so none is lost.

Run it from cron (every few minutes) or by hand after fixing whatever broke. Replies are sent
as texts through the task queue: the webhook's answer to Twilio has long gone.
"""

from django.core.management.base import BaseCommand

from sms.inbound import mark_failed, process_inbound
from sms.models import Message


class Command(BaseCommand):
    help = "Reprocess inbound texts that failed (or never finished) and report the counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=500, help="At most this many texts per run."
        )

    def handle(self, *args, limit: int, **options):
        message_ids = list(
            Message.objects.needing_reprocessing()
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)[:limit]
        )
        handled = failed = 0
        for message_id in message_ids:
            try:
                process_inbound(message_id, send_replies=True)
            except Exception as error:  # noqa: BLE001 - one bad text must not stop the rest
                mark_failed(message_id, error)
                failed += 1
            else:
                handled += 1
        self.stdout.write(
            f"Reprocessed {len(message_ids)} text(s): {handled} handled, {failed} failed."
        )
