import uuid

from .base import BaseSmsBackend, SendResult

# Like django.core.mail.outbox: tests read what would have been sent.
outbox: list[dict] = []


class LocmemSmsBackend(BaseSmsBackend):
    def send(self, *, to: str, body: str, status_callback: str | None = None) -> SendResult:
        sid = f"SMlocmem{uuid.uuid4().hex[:24]}"
        outbox.append({"to": to, "body": body, "sid": sid, "status_callback": status_callback})
        return SendResult(sid=sid, status="queued")
