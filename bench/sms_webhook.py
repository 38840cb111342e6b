"""Benchmark: inbound SMS webhook throughput against a floor that does only the unavoidable.

Serves the site with gunicorn on loopback (as in production, every middleware included) and
posts N signed, realistic Twilio payloads, form-encoded as Twilio sends them, from concurrent
clients (Twilio posts many texts at once) to /sms/twilio/inbound/; and the same payloads, with
fresh MessageSids, to a floor view that only checks the signature, stores the raw message row
and answers empty TwiML. Same server, same database, same clients, interleaved in blocks so
neither gets a warmer cache. Prints messages/s for each and, last, ``ratio: N.NN`` (webhook time
per message / floor time per message).

    .venv/bin/python bench/sms_webhook.py                  # SQLite file in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coproduce_bench \
        .venv/bin/python bench/sms_webhook.py
    (the database named, which must have "bench" in its name, is emptied: dropped and created)

Durability is as in production: on PostgreSQL each text's own commit waits for the disk (its
handling's doesn't, see sms.inbound.commit_without_waiting_for_disk); the SQLite file is written
with SQLite's default synchronous=FULL (the test settings' synchronous=OFF is not used here).
"""

import argparse
import asyncio
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode, urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WEBHOOK_PATH, FLOOR_PATH = "/sms/twilio/inbound/", "/bench/floor/"


def prepare_database() -> str:
    """A fresh, empty database for this run; returns its URL."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        folder = tempfile.mkdtemp(prefix="coproduce-bench-")
        return f"sqlite:///{folder}/bench.sqlite3"
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing to empty {name!r}: name a database with 'bench' in its name.")
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--messages", type=int, default=3000, help="to each of the two")
    parser.add_argument("--block", type=int, default=250, help="messages per interleaved block")
    parser.add_argument("--clients", type=int, default=16, help="concurrent connections")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: by database)")
    parser.add_argument("--port", type=int, default=int(os.environ.get("BENCH_PORT", "8103")))
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = prepare_database()
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    from django.db import connection

    postgres = connection.vendor == "postgresql"
    # SQLite takes one writer at a time: more processes would only queue on its lock.
    workers = args.workers or ((2 * (os.cpu_count() or 1) + 1) if postgres else 1)
    bodies, senders = seed()
    connection.close()

    server = start_server(args.port, workers)
    try:
        results = asyncio.run(measure(args, bodies, senders, server.pid))
    finally:
        server.terminate()
        server.wait(timeout=30)
    report(results, workers=workers, clients=args.clients)


def seed() -> tuple[list[str], list[str]]:
    """Migrate, add an area with services and people; the texts and senders to post."""
    from django.core.management import call_command

    from coproduce.models import Area, Person, Service

    call_command("migrate", verbosity=0)
    area = Area.objects.create(name="Riverside", slug="riverside", sms_number="+447700900000")
    codes = ["HOSTEL", "DROPIN", "GP", "PROBATION", "DWP", "RECOVERY", "CMHT", "HOUSING"]
    for code in codes:
        Service.objects.create(area=area, name=f"{code.title()} service", code=code)
    for n in range(100, 300):
        Person.objects.create(area=area, phone=f"+447700900{n:03d}", display_name=f"P{n}")

    rng = random.Random(1)  # noqa: S311 - repeatable load, not secrets
    words = ["staff were kind", "waited hours", "nobody listened", "sorted my script", ""]
    total = 20000
    bodies = []
    for _ in range(total):
        roll = rng.random()
        code = rng.choice(codes)
        if roll < 0.55:
            bodies.append(f"{code} {rng.randint(1, 5)} {rng.choice(words)}".strip())
        elif roll < 0.75:
            bodies.append(code.lower())
        elif roll < 0.90:
            bodies.append(str(rng.randint(1, 5)))
        elif roll < 0.95:
            bodies.append("HELP")
        else:
            bodies.append(rng.choice(words) or "thanks")
    senders = [f"+447700900{rng.randint(100, 499):03d}" for _ in range(total)]
    return bodies, senders


def start_server(port: int, workers: int) -> subprocess.Popen:
    command = [
        str(ROOT / ".venv" / "bin" / "gunicorn"),
        "coproduce.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        # gunicorn's default sync workers, as the README deploys it: one request per
        # connection, so the kernel spreads connections over every worker. (Keep-alive
        # threads let the first worker to wake take every connection and leave the rest idle.)
        "--worker-class=sync",
        "--backlog=256",
        "--log-level=warning",
    ]
    server = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy())  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn did not start")
        try:
            asyncio.run(_ping(port))
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not answer within a minute")


async def _ping(port: int) -> None:
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.close()
    await writer.wait_closed()


class CpuMeter:
    """CPU seconds used by the gunicorn workers, the database's server processes for this
    database (PostgreSQL) and this client, read from /proc: what each message costs the
    machine, whatever else is running on it."""

    def __init__(self, server_pid: int, database_pids: list[int]):
        self.server_pid, self.database_pids = server_pid, database_pids

    @staticmethod
    def _seconds(pid: int) -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def _workers(self) -> list[int]:
        children = Path(f"/proc/{self.server_pid}/task/{self.server_pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def read(self) -> dict[str, float]:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        return {
            "web": sum(self._seconds(pid) for pid in [self.server_pid, *self._workers()]),
            "database": sum(self._seconds(pid) for pid in self.database_pids),
            "client": usage.ru_utime + usage.ru_stime,
        }


def database_pids() -> list[int]:
    """The PostgreSQL server processes serving this benchmark's database."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid()"
        )
        pids = [row[0] for row in cursor.fetchall()]
    connection.close()
    return pids


def requests_for(path: str, port: int, bodies, senders, prefix: str) -> list[bytes]:
    """Ready-to-send HTTP requests, signed as Twilio signs them (so the client does no work)."""
    from sms.twilio_webhooks import sign

    requests = []
    for body, sender in zip(bodies, senders, strict=True):
        params = {
            "MessageSid": f"SM{prefix}{uuid.uuid4().hex[: 30 - len(prefix)]}",
            "AccountSid": "AC" + "0" * 32,
            "From": sender,
            "To": "+447700900000",
            "Body": body,
            "NumMedia": "0",
            "NumSegments": "1",
            "FromCountry": "GB",
            "ApiVersion": "2010-04-01",
        }
        signature = sign(f"http://127.0.0.1:{port}{path}", params)
        payload = urlencode(params).encode()
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(payload)}\r\nX-Twilio-Signature: {signature}\r\n"
            "User-Agent: TwilioProxy/1.1\r\n\r\n"
        )
        requests.append(head.encode() + payload)
    return requests


class Connection:
    """One keep-alive HTTP/1.1 connection; reconnects when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.reader = self.writer = None

    async def post(self, request: bytes) -> tuple[int, bytes]:
        for attempt in range(2):
            if self.writer is None:
                self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
            try:
                self.writer.write(request)
                head = await self.reader.readuntil(b"\r\n\r\n")
                break
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer.close()
                self.writer = None
                if attempt:
                    raise
        status = int(head.split(b" ", 2)[1])
        length, close = 0, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
            elif name.lower() == b"connection" and value.strip().lower() == b"close":
                close = True
        body = await self.reader.readexactly(length)
        if close:
            self.writer.close()
            self.writer = None
        return status, body


async def post_all(connections: list[Connection], requests: list[bytes], *, expect: bytes) -> float:
    """Post ``requests`` over the connections, each taking the next one; returns seconds."""
    pending = iter(requests)

    async def client(connection: Connection) -> None:
        for request in pending:
            status, body = await connection.post(request)
            if status != 200 or expect not in body:
                raise SystemExit(f"Unexpected answer {status}: {body[:200]!r}")

    started = time.perf_counter()
    await asyncio.gather(*(client(connection) for connection in connections))
    return time.perf_counter() - started


async def measure(args, bodies, senders, server_pid: int) -> dict:
    total, block, port = args.messages, args.block, args.port
    warm = max(10 * args.clients, total // 20)
    needed = warm + total
    if needed > len(bodies):
        raise SystemExit(f"At most {len(bodies) - warm} messages")
    webhook = requests_for(WEBHOOK_PATH, port, bodies[:needed], senders[:needed], "w")
    floor = requests_for(FLOOR_PATH, port, bodies[:needed], senders[:needed], "f")
    connections = [Connection(port) for _ in range(args.clients)]
    # Warm every worker (imports, URLconf, database connection) on both paths.
    await post_all(connections, webhook[:warm], expect=b"<Response")
    await post_all(connections, floor[:warm], expect=b"<Response")
    meter = CpuMeter(server_pid, await asyncio.to_thread(database_pids))
    times = {"webhook": 0.0, "floor": 0.0}
    cpu = {name: {"web": 0.0, "database": 0.0, "client": 0.0} for name in times}
    for start in range(warm, needed, block):
        for name, requests in (("webhook", webhook), ("floor", floor)):
            before = meter.read()
            times[name] += await post_all(
                connections, requests[start : start + block], expect=b"<Response"
            )
            after = meter.read()
            for part in after:
                cpu[name][part] += after[part] - before[part]
    for connection in connections:
        if connection.writer is not None:
            connection.writer.close()
    return {"times": times, "cpu": cpu, "measured": total, "warm": warm}


def report(results: dict, *, workers: int, clients: int) -> None:
    from django.conf import settings
    from django.db import connection

    measured, times = results["measured"], results["times"]
    print(f"database: {connection.vendor} ({settings.DATABASES['default']['NAME']})")
    print(
        f"server: gunicorn, {workers} worker(s) on 127.0.0.1; {clients} concurrent clients; "
        f"{os.cpu_count()} CPU(s)"
    )
    print(f"messages: {measured} each (after {results['warm']} warm-up)")
    cpu_total = {}
    for name in ("webhook", "floor"):
        seconds = times[name]
        rate, each_ms = measured / seconds, seconds / measured * 1000
        parts = results["cpu"][name]
        cpu_total[name] = sum(parts.values())
        shares = ", ".join(f"{part} {used / measured * 1000:.2f}" for part, used in parts.items())
        print(f"{name}: {rate:.0f} messages/s ({each_ms:.2f} ms each; CPU ms each: {shares})")
    print(f"CPU per message, webhook / floor: {cpu_total['webhook'] / cpu_total['floor']:.2f}")
    print(f"ratio: {times['webhook'] / times['floor']:.2f}")


if __name__ == "__main__":
    main()
