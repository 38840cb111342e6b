"""The web feedback page: what it asks, what sending it stores, and what bad input gets."""

import re
import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from wagtail.models import Page

from cms.models import FeedbackPage, FeedbackQuestion, StandardPage
from surveys.models import Response
from tests.cms.conftest import add_feedback_page
from tests.factories import AreaFactory, ServiceFactory


def form_data(**overrides) -> dict:
    data = {"token": str(uuid.uuid4()), "feeling_score": "4", "what_happened": ""}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# The page ----------------------------------------------------------------------------------


def test_page_asks_about_its_service_with_faces_and_words(client, feedback_page):
    html = client.get(feedback_page.url).content.decode()

    assert "How did Harbour House hostel make you feel?" in html
    for face, words in [("😞", "Very bad"), ("😐", "OK"), ("😀", "Very good")]:
        assert re.search(rf'<span class="face" aria-hidden="true">{face}</span> {words}', html)
    assert "What happened?" in html
    assert "Did you feel safe? (optional)" in html
    assert "You can share my words without my name" in html
    assert "Do you want us to contact you? (optional)" in html
    assert 'name="service"' not in html  # fixed by the page


def test_open_page_lets_people_pick_an_active_service_in_its_area(
    client, open_feedback_page, hostel, drop_in, other_area
):
    ServiceFactory(area=hostel.area, name="Closed service", code="CLOSED", is_active=False)
    ServiceFactory(area=other_area, name="Hillford shelter", code="SHELTER")

    html = client.get(open_feedback_page.url).content.decode()

    assert "Which service is this about?" in html
    assert "Harbour House hostel" in html and "The Lantern day centre" in html
    assert "Closed service" not in html and "Hillford shelter" not in html


def test_open_page_starts_with_the_service_from_the_link(client, open_feedback_page, drop_in):
    html = client.get(open_feedback_page.url + "?service=dropin").content.decode()

    assert '<option value="DROPIN" selected>' in html


def test_page_can_leave_out_the_contact_question(client, feedback_page):
    feedback_page.ask_for_contact = False
    feedback_page.save()

    assert b"contact_details" not in client.get(feedback_page.url).content


def test_page_html_and_css_are_under_30_kb_and_fetch_nothing_from_outside(client, feedback_page):
    page = client.get(feedback_page.url)
    html = page.content.decode()
    stylesheets = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    css = b"".join(b"".join(client.get(href).streaming_content) for href in stylesheets)

    assert stylesheets == ["/static/coproduce/css/site.css"]
    assert len(page.content) + len(css) < 30_000
    assert not re.search(r'(src|href|action)="(https?:)?//', html)
    assert "<script" not in html
    assert not re.search(rb"url\(|@import", css)


def test_page_is_served_in_its_own_language(client, feedback_page):
    feedback_page.language = "cy"
    feedback_page.save()

    page = client.get(feedback_page.url, headers={"accept-language": "pl"})

    assert b'<html lang="cy">' in page.content
    assert page["Content-Language"] == "cy"
    thanks = client.get(feedback_page.url + "thanks/", headers={"accept-language": "pl"})
    assert b'<html lang="cy">' in thanks.content
    # The rest of the site still follows the browser.
    assert b'<html lang="pl">' in client.get("/", headers={"accept-language": "pl"}).content


def test_participant_words_go_through_translation(client, feedback_page, monkeypatch):
    """Every fixed word is looked up in the page language's catalogue: swap the catalogue
    lookup for one that marks each word it finds, and every fixed word comes back marked."""
    from django.utils import translation
    from django.utils.translation import trans_real

    def marked(message):
        return "»" + trans_real.gettext(message)

    monkeypatch.setattr(translation._trans, "gettext", marked)

    html = client.get(feedback_page.url).content.decode()

    for words in [
        "What happened?",
        "Send feedback",
        "Very good",
        "How did Harbour House hostel make you feel?",
        "You can share my words without my name",
        "Leave a phone number or email if you want a reply.",
        "Skip to main content",
    ]:
        assert "»" + words in html


# Models --------------------------------------------------------------------------------------


def test_page_service_must_be_in_the_page_area(area, other_area):
    elsewhere = ServiceFactory(area=other_area, code="HOSTEL")
    page = FeedbackPage(title="Feedback", slug="feedback", area=area, service=elsewhere)

    with pytest.raises(ValidationError) as error:
        page.clean()

    assert error.value.message_dict["service"] == ["Choose a service in this page's area."]


def test_extra_question_needs_two_answers():
    with pytest.raises(ValidationError, match="at least two answers"):
        FeedbackQuestion(question="Was it clean?", choices="Yes\n  \n").clean()
    FeedbackQuestion(question="Was it clean?", choices="Yes\nNo").clean()


def test_for_service_prefers_the_service_page_then_an_open_page(sms_area, hostel, drop_in):
    assert FeedbackPage.for_service(hostel) is None
    open_page = add_feedback_page(title="Open", slug="open", area=sms_area)
    own_page = add_feedback_page(title="Hostel", slug="hostel", area=sms_area, service=hostel)

    assert FeedbackPage.for_service(hostel) == own_page
    assert FeedbackPage.for_service(drop_in) == open_page
    own_page.unpublish()
    assert FeedbackPage.for_service(hostel) == open_page


def test_feedback_pages_can_go_anywhere_and_have_no_children():
    assert FeedbackPage in StandardPage.allowed_subpage_models()
    assert FeedbackPage.allowed_subpage_models() == []


# Sending -------------------------------------------------------------------------------------


def test_sending_stores_one_anonymous_web_response_and_redirects_to_thanks(client, feedback_page):
    data = form_data(
        feeling_score="2",
        what_happened="Staff ignored me. Ring 07700 900123.",
        consent_to_quote="on",
        contact_details="call me on 07700 900456",
    )
    data[f"question_{feedback_page.questions.get().pk}"] = "No"

    answer = client.post(feedback_page.url, data)

    assert answer.status_code == 302
    assert answer["Location"] == feedback_page.url + "thanks/"
    response = Response.objects.get()
    assert response.channel == Response.Channel.WEB
    assert response.area == feedback_page.area
    assert response.service == feedback_page.service
    assert response.person is None
    assert response.feeling_score == 2
    assert response.text == "Staff ignored me. Ring 07700 900123."
    assert response.redacted_text == "Staff ignored me. Ring [number]."
    assert response.answers == {"Did you feel safe?": "No"}
    assert response.consent_to_quote is True
    assert response.contact_details == "call me on 07700 900456"
    assert response.submission_token == uuid.UUID(data["token"])


def test_contact_details_are_stored_encrypted(client, feedback_page):
    client.post(feedback_page.url, form_data(contact_details="07700 900456"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_details FROM surveys_response")
        (stored,) = cursor.fetchone()
    assert "900456" not in stored


def test_open_page_stores_the_service_picked(client, open_feedback_page, drop_in):
    client.post(open_feedback_page.url, form_data(service="DROPIN"))

    assert Response.objects.get().service == drop_in


def test_open_page_without_a_service_still_stores_the_feedback(client, open_feedback_page):
    client.post(open_feedback_page.url, form_data(service=""))

    assert Response.objects.get().service is None


def test_a_service_from_another_area_is_refused(client, open_feedback_page, other_area):
    ServiceFactory(area=other_area, code="SHELTER")

    answer = client.post(open_feedback_page.url, form_data(service="SHELTER"))

    assert answer.status_code == 200
    assert b"Choose a service from the list." in answer.content
    assert not Response.objects.exists()


def test_words_suggesting_risk_are_flagged_for_safeguarding(client, feedback_page):
    client.post(feedback_page.url, form_data(what_happened="I can't go on like this"))

    response = Response.objects.get()
    assert response.is_safeguarding is True
    assert not Response.objects.quotable().exists()


def test_words_alone_are_enough(client, feedback_page):
    client.post(feedback_page.url, form_data(feeling_score=None, what_happened="Kind staff"))

    assert Response.objects.get().feeling_score is None


# Bad input: a clear message, and everything typed comes back ---------------------------------


def test_nothing_chosen_or_typed_asks_for_one_or_the_other(client, feedback_page):
    answer = client.post(feedback_page.url, form_data(feeling_score=None))

    assert answer.status_code == 200
    assert b"Choose how it made you feel, or tell us what happened." in answer.content
    assert b'href="#id_feeling_score_0"' in answer.content
    assert not Response.objects.exists()


def test_too_long_words_come_back_whole_with_a_clear_error(client, feedback_page):
    words = "I waited all day. " * 120  # about 2,160 characters
    data = form_data(what_happened=words, contact_details="07700 900456", consent_to_quote="on")

    answer = client.post(feedback_page.url, data)
    html = answer.content.decode()

    assert f"Please keep it under 2000 characters. You have {len(words.strip())}." in html
    assert words.strip() in html
    assert 'value="07700 900456"' in html
    assert 'id="id_consent_to_quote" aria-describedby="id_consent_to_quote_hint" checked' in html
    assert 'value="4" checked' in html
    assert f'name="token" value="{data["token"]}"' in html  # so it can still be sent once
    assert not Response.objects.exists()


def test_a_missing_required_question_is_named(client, feedback_page):
    question = feedback_page.questions.get()
    question.required = True
    question.save()

    answer = client.post(feedback_page.url, form_data())

    assert b"Choose an answer." in answer.content
    assert b"Did you feel safe?</legend>" in answer.content
    assert not Response.objects.exists()


def test_a_broken_token_gets_a_fresh_one_and_keeps_the_words(client, feedback_page):
    answer = client.post(feedback_page.url, form_data(token="nonsense", what_happened="Hello"))
    html = answer.content.decode()

    assert "Something went wrong on our side. Please press Send again." in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    assert uuid.UUID(token)
    assert "Hello</textarea>" in html
    assert not Response.objects.exists()


# Abuse ---------------------------------------------------------------------------------------


def test_sending_twice_with_one_token_stores_one_response(client, feedback_page):
    data = form_data(what_happened="Double click")

    first = client.post(feedback_page.url, data)
    second = client.post(feedback_page.url, data)

    assert first["Location"] == second["Location"] == feedback_page.url + "thanks/"
    assert Response.objects.count() == 1


def test_each_visit_gets_its_own_token(client, feedback_page):
    tokens = {
        re.search(r'name="token" value="([^"]+)"', client.get(feedback_page.url).text).group(1)
        for _ in range(2)
    }

    assert len(tokens) == 2


def test_form_is_never_kept_in_a_shared_cache_but_back_shows_the_same_one(client, feedback_page):
    cache_control = client.get(feedback_page.url)["Cache-Control"]

    assert "private" in cache_control
    assert "no-store" not in cache_control


def test_filled_honeypot_thanks_the_bot_and_stores_nothing(client, feedback_page):
    answer = client.post(feedback_page.url, form_data(website="http://spam.example"))

    assert answer.status_code == 302
    assert answer["Location"] == feedback_page.url + "thanks/"
    assert not Response.objects.exists()


def test_honeypot_is_hidden_from_people(client, feedback_page):
    html = client.get(feedback_page.url).content.decode()

    assert re.search(r'<div class="hp">\s*<label for="id_website">', html)
    assert 'tabindex="-1"' in html
    css = b"".join(client.get("/static/coproduce/css/site.css").streaming_content)
    assert b".hp { display: none; }" in css


def test_too_many_from_one_client_get_a_friendly_wait_and_keep_their_words(
    client, feedback_page, settings
):
    settings.WEB_FEEDBACK_RATE_LIMIT = 2
    settings.WEB_FEEDBACK_RATE_WINDOW_SECONDS = 600
    for n in range(2):
        assert client.post(feedback_page.url, form_data(what_happened=f"n{n}")).status_code == 302

    answer = client.post(feedback_page.url, form_data(what_happened="Third time"))

    assert answer.status_code == 429
    assert b"Please wait 10 minutes, then press Send again." in answer.content
    assert b"Your answers are still here." in answer.content
    assert b"Third time</textarea>" in answer.content
    assert Response.objects.count() == 2
    # Someone else, on another connection, is not held up.
    other = client.post(
        feedback_page.url, form_data(what_happened="Other"), REMOTE_ADDR="192.0.2.7"
    )
    assert other.status_code == 302


def test_behind_a_proxy_each_visitor_has_their_own_limit(client, feedback_page, settings):
    """All visitors reach us from the proxy's address; X-Forwarded-For tells them apart.
    A visitor can't dodge the limit by writing their own X-Forwarded-For entries."""
    settings.TRUSTED_PROXY_COUNT = 1
    settings.WEB_FEEDBACK_RATE_LIMIT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}

    def send(forwarded_for: str) -> int:
        data = form_data(what_happened=forwarded_for)
        return client.post(feedback_page.url, data, HTTP_X_FORWARDED_FOR=forwarded_for, **proxy)

    assert send("198.51.100.1").status_code == 302
    assert send("198.51.100.2").status_code == 302
    assert send("203.0.113.9, 198.51.100.1").status_code == 429


# Thank-you page ------------------------------------------------------------------------------


def test_thanks_page_says_what_happens_next(client, feedback_page):
    html = client.get(feedback_page.url + "thanks/").content.decode()

    assert "Thank you. We have your feedback." in html
    assert "What happens next" in html
    assert "A member of staff reads every message." in html
    assert "Samaritans" in html
    assert f'href="{feedback_page.url}"' in html


def test_thanks_page_links_to_the_next_steps_page_only_while_it_is_live(client, feedback_page):
    home = Page.objects.get(depth=2)
    next_steps = home.add_child(instance=StandardPage(title="You said, we did", slug="you-said"))
    feedback_page.next_steps_page = next_steps
    feedback_page.save()
    link = 'href="/you-said/">See what has changed because of feedback</a>'

    assert link in client.get(feedback_page.url + "thanks/").content.decode()

    next_steps.unpublish()
    assert link not in client.get(feedback_page.url + "thanks/").content.decode()


def test_thanks_page_uses_the_editors_words_when_given(client, feedback_page):
    feedback_page.thank_you_text = "<p>The hostel manager reads these every Friday.</p>"
    feedback_page.save()

    html = client.get(feedback_page.url + "thanks/").content.decode()

    assert "The hostel manager reads these every Friday." in html
    assert "A member of staff reads every message." not in html


def test_too_long_contact_details_get_a_plain_message(client, feedback_page):
    answer = client.post(feedback_page.url, form_data(contact_details="7" * 201))

    assert b"Please keep this under 200 characters." in answer.content
    assert b'value="' + b"7" * 201 + b'"' in answer.content
    assert not Response.objects.exists()


def test_an_answer_that_was_not_offered_is_refused(client, feedback_page):
    data = form_data()
    data[f"question_{feedback_page.questions.get().pk}"] = "Maybe"

    answer = client.post(feedback_page.url, data)

    assert b"Choose one of the answers shown." in answer.content
    assert not Response.objects.exists()


def test_a_score_outside_1_to_5_is_refused_plainly(client, feedback_page):
    answer = client.post(feedback_page.url, form_data(feeling_score="9", what_happened="Hi"))

    assert b"Choose one of the five answers." in answer.content
    assert b"Hi</textarea>" in answer.content
    assert not Response.objects.exists()


def test_a_page_in_a_draft_is_not_served(client, sms_area):
    page = add_feedback_page(title="Draft", slug="draft", area=sms_area, live=False)

    assert client.get("/draft/").status_code == 404
    assert page.pk


def test_a_page_for_another_area_stores_its_own_area(client, db):
    area = AreaFactory(name="Hillford", slug="hillford")
    page = add_feedback_page(title="Hillford", slug="hillford-feedback", area=area)

    client.post(page.url, form_data())

    assert Response.objects.get().area == area
