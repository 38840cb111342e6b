"""A stand-in for Twilio's Messages API on 127.0.0.1, for the real twilio client to talk to.

It answers POST /2010-04-01/Accounts/{AccountSid}/Messages.json the way Twilio does: HTTP basic
auth with the account SID and auth token, a form-encoded body, 201 and a JSON message with a
new SID in status "queued". Tests can make the next request(s) fail with a Twilio error, a bare
5xx, or a dropped connection, and read back every request it received.
"""

import base64
import itertools
import json
import threading
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

MESSAGES_PATH = "/2010-04-01/Accounts/{account_sid}/Messages.json"


@dataclass
class ReceivedRequest:
    method: str
    path: str
    username: str
    password: str
    form: dict[str, str]
    content_type: str


@dataclass
class _Answer:
    status: int
    body: dict | str | None  # None: drop the connection without answering
    headers: dict[str, str] = field(default_factory=dict)


class FakeTwilio:
    """``with FakeTwilio(account_sid, auth_token) as fake:`` then point the client at fake.url."""

    def __init__(self, account_sid: str, auth_token: str):
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.requests: list[ReceivedRequest] = []
        self._answers: list[_Answer] = []
        self._lock = threading.Lock()
        self._sids = itertools.count(1)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> "FakeTwilio":
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # What the next requests get -------------------------------------------------------------

    def fail_next(
        self, *, status: int = 400, code: int | None = None, message: str = "", times: int = 1
    ) -> None:
        """Answer the next ``times`` requests with Twilio's error JSON (or, without ``code``,
        a bare error page, as a load balancer in trouble would)."""
        if code is None:
            body: dict | str = f"<html><body>{status} {HTTPStatus(status).phrase}</body></html>"
        else:
            body = {
                "code": code,
                "message": message or f"Error {code}",
                "more_info": f"https://www.twilio.com/docs/errors/{code}",
                "status": status,
            }
        with self._lock:
            self._answers.extend(_Answer(status, body) for _ in range(times))

    def fail_next_rfc9457(self, *, status: int, code: int, title: str) -> None:
        """Answer the next request with an RFC 9457 problem document, Twilio's newer format."""
        body = {
            "type": f"https://www.twilio.com/docs/errors/{code}",
            "title": title,
            "status": status,
            "code": code,
            "detail": title,
        }
        with self._lock:
            self._answers.append(_Answer(status, body))

    def hang_up_next(self) -> None:
        """Close the connection on the next request without answering at all."""
        with self._lock:
            self._answers.append(_Answer(0, None))

    # The server ---------------------------------------------------------------------------

    def _next_answer(self, form: dict[str, str]) -> _Answer:
        with self._lock:
            if self._answers:
                return self._answers.pop(0)
        sid = f"SM{next(self._sids):032x}"
        now = formatdate(usegmt=True).replace("GMT", "+0000")
        path = MESSAGES_PATH.format(account_sid=self.account_sid)
        body = {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": form.get("Body", ""),
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "GBP",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {"media": path.replace(".json", f"/{sid}/Media.json")},
            "to": form.get("To"),
            "uri": path.replace(".json", f"/{sid}.json"),
        }
        return _Answer(HTTPStatus.CREATED, body)

    def _handler_class(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format, *args):
                pass

            def _send(self, status: int, body: dict | str) -> None:
                data = (json.dumps(body) if isinstance(body, dict) else body).encode()
                self.send_response(status)
                self.send_header(
                    "Content-Type",
                    "application/json" if isinstance(body, dict) else "text/html",
                )
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                self._send(HTTPStatus.METHOD_NOT_ALLOWED, {"code": 20004, "status": 405})

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                form = {key: values[-1] for key, values in parse_qs(raw).items()}
                username, password = _basic_auth(self.headers.get("Authorization", ""))
                with fake._lock:
                    fake.requests.append(
                        ReceivedRequest(
                            method="POST",
                            path=self.path,
                            username=username,
                            password=password,
                            form=form,
                            content_type=self.headers.get("Content-Type", ""),
                        )
                    )
                if (username, password) != (fake.account_sid, fake.auth_token):
                    self._send(
                        HTTPStatus.UNAUTHORIZED,
                        {"code": 20003, "message": "Authenticate", "status": 401},
                    )
                    return
                if self.path != MESSAGES_PATH.format(account_sid=fake.account_sid):
                    self._send(
                        HTTPStatus.NOT_FOUND,
                        {"code": 20404, "message": "Not found", "status": 404},
                    )
                    return
                answer = fake._next_answer(form)
                if answer.body is None:
                    self.close_connection = True
                    self.connection.close()
                    return
                self._send(answer.status, answer.body)

        return Handler


def _basic_auth(header: str) -> tuple[str, str]:
    scheme, _, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return "", ""
    username, _, password = base64.b64decode(encoded).decode().partition(":")
    return username, password
