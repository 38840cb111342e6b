"""Production's task queue: TASK_BACKEND=rq runs tasks through real Redis and `rqworker`.

Runs against the Redis at REDIS_URL (CI sets it, so there it must pass), or the local default
when one answers; a machine with no Redis at all (a laptop running `make test`) skips it.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT = Path(__file__).resolve().parents[2]
LOCAL_REDIS = "redis://127.0.0.1:6379/15"


def redis_url() -> str:
    if os.environ.get("REDIS_URL"):
        return os.environ["REDIS_URL"]
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        pytest.skip("No Redis here and REDIS_URL is not set (CI sets it).")
    return LOCAL_REDIS


def manage(*args: str, url: str) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "coproduce.settings.dev",
        "TASK_BACKEND": "rq",
        "REDIS_URL": url,
    }
    done = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_queued_task_runs_on_a_plain_rqworker():
    url = redis_url()
    assert urlsplit(url).scheme == "redis"
    enqueue = (
        "from sms.tasks import send_email_alert_task;"
        "print(send_email_alert_task.enqueue('Test alert', 'queued-through-redis',"
        " ['oncall@example.org']).id)"
    )
    task_id = manage("shell", "-c", enqueue, url=url).strip().splitlines()[-1]

    worker_output = manage("rqworker", "--burst", "default", url=url)

    assert "queued-through-redis" in worker_output  # the console email backend printed it
    read_status = (
        f"from django_tasks import default_task_backend; "
        f"print(default_task_backend.get_result('{task_id}').status)"
    )
    status = manage("shell", "-c", read_status, url=url)
    assert status.strip().splitlines()[-1] == "SUCCESSFUL"
