"""The feedback page in a real browser: by keyboard alone, without JavaScript, at 320px, and
checked by axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from surveys.models import Response

pytestmark = [
    pytest.mark.browser,
    # The live server's thread needs committed data.
    pytest.mark.django_db(transaction=True),
]


def tab_to(page, element_id: str, *, limit: int = 40) -> None:
    """Press Tab until the element with ``element_id`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_feedback_can_be_sent_by_keyboard_alone(page, live_server, hostel_page):
    page.goto(live_server.url + hostel_page.url)

    tab_to(page, "id_feeling_score_0")
    page.keyboard.press("ArrowRight")  # moves to, and picks, "Bad"
    page.keyboard.press("ArrowRight")  # "OK"
    page.keyboard.press("ArrowRight")  # "Good"
    tab_to(page, "id_what_happened")
    page.keyboard.type("My key worker rang me back.")
    tab_to(page, f"id_question_{hostel_page.questions.get().pk}_0")
    page.keyboard.press("Space")
    tab_to(page, "id_consent_to_quote")
    page.keyboard.press("Space")
    tab_to(page, "id_contact_details")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"  # the trap is skipped
    page.keyboard.press("Enter")

    page.wait_for_url("**/harbour-house/thanks/")
    assert page.locator("h1").inner_text() == "Thank you. We have your feedback."
    response = Response.objects.get()
    assert response.channel == Response.Channel.WEB
    assert response.feeling_score == 4
    assert response.text == "My key worker rang me back."
    assert response.answers == {"Did you feel safe?": "Yes"}
    assert response.consent_to_quote is True
    assert response.person is None


def test_feedback_can_be_sent_with_javascript_turned_off(page_without_js, live_server, hostel_page):
    page = page_without_js
    page.goto(live_server.url + hostel_page.url)

    page.get_by_label("Very bad").check()
    page.get_by_label("What happened?").fill("Locked out after the curfew changed.")
    page.get_by_role("button", name="Send feedback").click()

    page.wait_for_url("**/harbour-house/thanks/")
    response = Response.objects.get()
    assert (response.feeling_score, response.text) == (1, "Locked out after the curfew changed.")


def test_without_javascript_an_error_keeps_what_was_typed(
    page_without_js, live_server, hostel_page
):
    page = page_without_js
    page.goto(live_server.url + hostel_page.url)
    words = "x" * 2001

    page.get_by_label("What happened?").fill(words)
    page.get_by_role("button", name="Send feedback").click()

    # The form posts back to the same URL, so wait for the answer, not the URL.
    page.get_by_role("heading", name="There is a problem").wait_for()
    assert page.get_by_label("What happened?").input_value() == words
    assert not Response.objects.exists()


def test_page_fits_320px_and_every_control_is_a_44px_target(page, live_server, hostel_page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(live_server.url + hostel_page.url)
    page.wait_for_load_state("networkidle")

    assert requested and all(url.startswith(live_server.url) for url in requested), requested
    assert len(requested) == 2  # the page and its one stylesheet

    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    controls = page.locator(
        ".score label, .choice label, .checkbox label, input[type=radio], input[type=checkbox], "
        "textarea, input[type=text]:visible, button"
    )
    assert controls.count() > 10
    for index in range(controls.count()):
        box = controls.nth(index).bounding_box()
        assert box["height"] >= 44, controls.nth(index).evaluate("e => e.outerHTML")
        assert box["width"] >= 44, controls.nth(index).evaluate("e => e.outerHTML")


def _axe_violations(page) -> str:
    results = Axe().run(page)
    return "" if results.violations_count == 0 else results.generate_report()


@pytest.mark.parametrize(
    "path",
    ["/", "{page}", "{page}thanks/", "/f/riverside/HOSTEL/poster/"],
    ids=["home", "feedback", "thank-you", "poster"],
)
def test_axe_finds_no_violations(page, live_server, hostel_page, path):
    answer = page.goto(live_server.url + path.format(page=hostel_page.url))
    assert answer.status == 200
    assert page.locator("h1").count() == 1

    assert _axe_violations(page) == ""


def test_axe_finds_no_violations_on_a_form_with_errors(page, live_server, hostel_page):
    page.goto(live_server.url + hostel_page.url)
    page.get_by_role("button", name="Send feedback").click()
    page.get_by_role("heading", name="There is a problem").wait_for()

    assert _axe_violations(page) == ""
