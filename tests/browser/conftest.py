"""Browser tests: headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright
against pytest-django's live server. Run them alone with ``pytest -m browser``."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import sync_playwright
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from cms.models import FeedbackPage, FeedbackQuestion, HomePage
from tests.factories import AreaFactory, ServiceFactory

CHROMIUM = "/usr/bin/chromium"
NARROW = {"width": 320, "height": 720}


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module. Playwright's sync API keeps an event loop in this thread
    while it runs, so Django would refuse database calls (the tests' own, and the flush after
    each) without DJANGO_ALLOW_ASYNC_UNSAFE; it is set only for as long as the browser is
    open, so no other test or subprocess inherits it."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"No Chromium at {CHROMIUM}. Install Debian's package (apt-get install chromium); "
            "`make test` does this when run as root."
        )
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """The feedback rate limit counts in the cache: each test starts with none."""
    cache.clear()


@pytest.fixture
def page(browser):
    """A phone-width tab with JavaScript on."""
    context = browser.new_context(viewport=NARROW)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def page_without_js(browser):
    context = browser.new_context(viewport=NARROW, java_script_enabled=False)
    tab = context.new_page()
    yield tab
    context.close()


def home_page() -> HomePage:
    """The site's home page. An earlier transactional test's flush empties the tables that
    migrations filled, so make the page tree again if it has gone."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Have your say", slug="home"))
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def hostel_page(transactional_db):
    area = AreaFactory(name="Riverside", slug="riverside", sms_number="+447700900000")
    hostel = ServiceFactory(area=area, name="Harbour House hostel", code="HOSTEL")
    page = FeedbackPage(
        title="Tell us about Harbour House",
        slug="harbour-house",
        show_in_menus=True,
        area=area,
        service=hostel,
    )
    page.questions.add(FeedbackQuestion(question="Did you feel safe?", choices="Yes\nNo"))
    home_page().add_child(instance=page)
    return page
