import sys
import uuid

from .base import BaseSmsBackend, SendResult


class ConsoleSmsBackend(BaseSmsBackend):
    """Prints each text instead of sending it: the default for local runs."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str, status_callback: str | None = None) -> SendResult:
        sid = f"SMconsole{uuid.uuid4().hex[:23]}"
        self.stream.write(f"--- SMS to {to} ({sid})\n{body}\n---\n")
        self.stream.flush()
        return SendResult(sid=sid, status="sent")
