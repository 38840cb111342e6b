"""Retake the README's screenshots from a running demo site (`make run` in another terminal).

    .venv/bin/python docs/take_screenshots.py [http://127.0.0.1:8000]

Signs in as the demo coordinator with a code from `manage.py demo_otp`, in Debian's chromium.
"""

import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).parent / "screenshots"
ROOT = Path(__file__).parent.parent


def current_code(username: str) -> str:
    output = subprocess.run(  # noqa: S603 (our own manage.py, fixed arguments)
        [sys.executable, "manage.py", "demo_otp", username],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return next(word for word in output.split() if word.isdigit() and len(word) == 6)


def sign_in(page, username: str) -> None:
    page.goto(f"{BASE}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "coproduce-demo-2026")
    page.press("input[name=password]", "Enter")
    page.fill("input[name=code]", current_code(username))
    page.press("input[name=code]", "Enter")
    page.wait_for_load_state()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium")
        phone = browser.new_page(viewport={"width": 360, "height": 740})
        for path, name in [
            ("/", "home-on-a-phone"),
            ("/harbour-house-feedback/", "feedback-page-on-a-phone"),
            ("/you-said-we-did/", "you-said-we-did-on-a-phone"),
        ]:
            phone.goto(f"{BASE}{path}")
            phone.screenshot(path=OUT / f"{name}.png", full_page=True)

        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.goto(f"{BASE}/f/riverside/HOSTEL/poster/")
        page.screenshot(path=OUT / "poster.png", full_page=True)
        sign_in(page, "coordinator")
        page.goto(f"{BASE}/admin/sms/simulator/")
        for body in ["hostel", "2", "They shouted at me at the front desk"]:
            page.fill("textarea[name=body]", body)
            page.get_by_role("button", name="Send text").click()
            page.wait_for_load_state()
        page.screenshot(path=OUT / "sms-simulator.png", full_page=False)
        page.goto(f"{BASE}/admin/feedback/")
        page.screenshot(path=OUT / "feedback-inbox.png", full_page=False)
        browser.close()


if __name__ == "__main__":
    main()
