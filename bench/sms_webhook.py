"""Benchmark: inbound SMS webhook throughput against a floor that does only the unavoidable.

Posts N signed, realistic Twilio payloads through the full stack (Django's test client, so
every middleware runs) to /sms/twilio/inbound/, and the same payloads (with fresh MessageSids)
to a floor view that only validates the signature, stores the raw message row and answers
empty TwiML. Both run in one process, on one database, interleaved in blocks so neither gets a
warmer cache. Prints messages/s for each and, last, ``ratio: N.NN`` (webhook time per message /
floor time per message).

    .venv/bin/python bench/sms_webhook.py                  # SQLite file in a temp folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/sms_webhook.py
    (a fresh database is created beside the one named, and dropped afterwards)
"""

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def prepare_database() -> tuple[str, callable]:
    """A fresh database for this run; returns its URL and a function that removes it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        folder = tempfile.mkdtemp(prefix="coproduce-bench-")
        return f"sqlite:///{folder}/bench.sqlite3", lambda: None
    import psycopg

    name = f"coproduce_bench_{os.getpid()}"
    parsed = urlparse(url)
    admin_url = urlunparse(parsed._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')

    def drop():
        from django.db import connections

        connections.close_all()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    return urlunparse(parsed._replace(path=f"/{name}")), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--messages", type=int, default=2000)
    parser.add_argument("--block", type=int, default=100)
    args = parser.parse_args()

    database_url, drop = prepare_database()
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    import django

    django.setup()
    try:
        run(args.messages, args.block)
    finally:
        drop()


def run(total: int, block: int) -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from coproduce.models import Area, Person, Service
    from sms.twilio_webhooks import sign

    call_command("migrate", verbosity=0)
    area = Area.objects.create(name="Riverside", slug="riverside", sms_number="+447700900000")
    codes = ["HOSTEL", "DROPIN", "GP", "PROBATION", "DWP", "RECOVERY", "CMHT", "HOUSING"]
    for code in codes:
        Service.objects.create(area=area, name=f"{code.title()} service", code=code)
    for n in range(100, 300):
        Person.objects.create(area=area, phone=f"+447700900{n:03d}", display_name=f"P{n}")

    rng = random.Random(1)  # noqa: S311 - repeatable load, not secrets
    words = ["staff were kind", "waited hours", "nobody listened", "sorted my script", ""]
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

    def payloads(prefix: str, url: str):
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
            yield params, sign(f"http://testserver{url}", params)

    webhook_url, floor_url = "/sms/twilio/inbound/", "/bench/floor/"
    webhook = list(payloads("w", webhook_url))
    floor = list(payloads("f", floor_url))
    client = Client()

    def post(url, items):
        started = time.perf_counter()
        for params, signature in items:
            response = client.post(url, params, HTTP_X_TWILIO_SIGNATURE=signature)
            if response.status_code != 200:
                raise SystemExit(f"{url} answered {response.status_code}")
        return time.perf_counter() - started

    warm = min(50, total // 10)
    post(webhook_url, webhook[:warm])
    post(floor_url, floor[:warm])
    webhook_time = floor_time = 0.0
    for start in range(warm, total, block):
        webhook_time += post(webhook_url, webhook[start : start + block])
        floor_time += post(floor_url, floor[start : start + block])
    measured = total - warm

    vendor = connection.vendor
    print(f"database: {vendor} ({settings.DATABASES['default']['NAME']})")
    print(f"messages: {measured} each (after {warm} warm-up)")
    for name, seconds in (("webhook", webhook_time), ("floor", floor_time)):
        rate, each_ms = measured / seconds, seconds / measured * 1000
        print(f"{name}: {rate:.0f} messages/s ({each_ms:.2f} ms each)")
    print(f"ratio: {webhook_time / floor_time:.2f}")


if __name__ == "__main__":
    main()
