import pytest

from surveys.models import Response, ResponseTheme
from surveys.response_themes import set_confirmed_themes
from tests.factories import ThemeFactory, UserFactory


@pytest.fixture
def response(area):
    return Response.objects.create(area=area, channel=Response.Channel.WEB, feeling_score=2)


def test_ticked_themes_become_confirmed_and_unticked_ones_go(response):
    housing, safety, respect = ThemeFactory.create_batch(3)
    ResponseTheme.objects.create(response=response, theme=housing)
    ResponseTheme.objects.create(response=response, theme=safety)
    coordinator = UserFactory()

    set_confirmed_themes(response=response, themes=[housing, respect], by=coordinator)

    links = {link.theme: link for link in response.theme_links.all()}
    assert set(links) == {housing, respect}
    assert all(link.status == ResponseTheme.Status.CONFIRMED for link in links.values())
    assert links[housing].confirmed_by == coordinator


def test_an_already_confirmed_theme_keeps_who_confirmed_it(response):
    theme = ThemeFactory()
    first, second = UserFactory(), UserFactory()
    set_confirmed_themes(response=response, themes=[theme], by=first)

    set_confirmed_themes(response=response, themes=[theme], by=second)

    assert response.theme_links.get().confirmed_by == first


def test_one_link_per_theme_per_response(response):
    from django.db import IntegrityError

    theme = ThemeFactory()
    ResponseTheme.objects.create(response=response, theme=theme)
    with pytest.raises(IntegrityError):
        ResponseTheme.objects.create(response=response, theme=theme)
