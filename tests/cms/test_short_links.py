"""Short links (/f/<area>/<CODE>/, /f/<CODE>/) and printable posters."""

import re

from tests.cms.conftest import add_feedback_page
from tests.factories import AreaFactory, ServiceFactory


def test_canonical_short_link_leads_to_the_service_page(client, feedback_page):
    answer = client.get("/f/riverside/HOSTEL/")

    assert answer.status_code == 302
    assert answer["Location"] == feedback_page.url


def test_short_link_ignores_the_code_case(client, feedback_page):
    assert client.get("/f/riverside/hostel/")["Location"] == feedback_page.url
    assert client.get("/f/Hostel/")["Location"] == feedback_page.url


def test_short_link_to_an_open_page_picks_the_service(client, open_feedback_page, drop_in):
    answer = client.get("/f/riverside/DROPIN/")

    assert answer["Location"] == open_feedback_page.url + "?service=DROPIN"


def test_code_only_link_works_while_one_area_has_the_code(client, feedback_page):
    assert client.get("/f/HOSTEL/")["Location"] == feedback_page.url


def test_code_only_link_asks_which_area_when_several_have_it(client, feedback_page):
    hillford = AreaFactory(name="Hillford", slug="hillford")
    ServiceFactory(area=hillford, name="Hillford Night Shelter", code="HOSTEL")

    answer = client.get("/f/HOSTEL/")
    html = answer.content.decode()

    assert answer.status_code == 200
    assert "More than one area uses the code HOSTEL." in html
    assert 'href="/f/hillford/HOSTEL/"' in html
    assert 'href="/f/riverside/HOSTEL/"' in html
    # The canonical links still go straight to each area's page.
    assert client.get("/f/riverside/HOSTEL/")["Location"] == feedback_page.url


def test_unknown_code_is_a_plain_english_404(client, db):
    answer = client.get("/f/NOSUCH/")

    assert answer.status_code == 404
    assert b"We could not find a service with the code NOSUCH." in answer.content


def test_inactive_service_or_area_has_no_short_link(client, feedback_page, hostel, sms_area):
    hostel.is_active = False
    hostel.save()
    assert client.get("/f/riverside/HOSTEL/").status_code == 404

    hostel.is_active = True
    hostel.save()
    sms_area.is_active = False
    sms_area.save()
    assert client.get("/f/riverside/HOSTEL/").status_code == 404


def test_service_without_a_page_says_so_and_offers_the_text_number(client, hostel):
    answer = client.get("/f/riverside/HOSTEL/")

    assert answer.status_code == 404
    assert b"There is no web page for Harbour House hostel yet." in answer.content
    assert b"You can text HOSTEL and how you feel to 07700 900000." in answer.content


# Posters -------------------------------------------------------------------------------------


def test_poster_has_a_local_qr_code_the_text_number_and_the_code(client, feedback_page):
    answer = client.get("/f/riverside/HOSTEL/poster/")
    html = answer.content.decode()

    assert answer.status_code == 200
    assert "How did Harbour House hostel make you feel?" in html
    assert re.search(r'<div role="img" aria-label="QR code for the feedback page"><svg ', html)
    assert 'class="qr-code"' in html
    assert "http://testserver/f/riverside/HOSTEL/" in html
    assert 'Text <span class="code">HOSTEL</span> and how you feel to 07700 900000' in html
    assert "@page { size: A4 portrait;" in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_poster_qr_code_encodes_the_canonical_short_link(client, feedback_page):
    import segno

    html = client.get("/f/riverside/HOSTEL/poster/").content.decode()
    expected = segno.make("http://testserver/f/riverside/HOSTEL/", error="m").svg_inline(
        scale=6, omitsize=True, svgclass="qr-code"
    )

    assert expected in html


def test_poster_without_a_feedback_page_still_shows_how_to_text(client, hostel):
    html = client.get("/f/riverside/HOSTEL/poster/").content.decode()

    assert "<svg" not in html
    assert "and how you feel to 07700 900000" in html


def test_poster_without_an_sms_number_leaves_out_the_text_line(client, feedback_page, sms_area):
    sms_area.sms_number = ""
    sms_area.save()

    html = client.get("/f/riverside/HOSTEL/poster/").content.decode()

    assert "<svg" in html
    assert "Or send a text" not in html


def test_poster_is_in_the_page_language(client, feedback_page):
    feedback_page.language = "cy"
    feedback_page.save()

    answer = client.get("/f/riverside/HOSTEL/poster/")

    assert b'<html lang="cy">' in answer.content
    assert answer["Content-Language"] == "cy"


def test_poster_for_an_unknown_service_is_a_404(client, db):
    assert client.get("/f/riverside/NOSUCH/poster/").status_code == 404


def test_each_area_gets_its_own_poster_for_a_shared_code(client, feedback_page):
    hillford = AreaFactory(name="Hillford", slug="hillford", sms_number="+447700900001")
    shelter = ServiceFactory(area=hillford, name="Hillford Night Shelter", code="HOSTEL")
    add_feedback_page(title="Shelter", slug="shelter", area=hillford, service=shelter)

    html = client.get("/f/hillford/HOSTEL/poster/").content.decode()

    assert "Hillford Night Shelter" in html
    assert "07700 900001" in html
    assert "http://testserver/f/hillford/HOSTEL/" in html
