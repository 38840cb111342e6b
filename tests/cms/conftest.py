import pytest
from django.core.cache import cache

from cms.models import FeedbackPage, FeedbackQuestion, HomePage
from tests.factories import ServiceFactory


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def sms_area(area):
    area.sms_number = "+447700900000"
    area.save()
    return area


@pytest.fixture
def hostel(sms_area):
    return ServiceFactory(area=sms_area, name="Harbour House hostel", code="HOSTEL")


@pytest.fixture
def drop_in(sms_area):
    return ServiceFactory(area=sms_area, name="The Lantern day centre", code="DROPIN")


def add_feedback_page(**fields) -> FeedbackPage:
    home = HomePage.objects.get()
    questions = fields.pop("questions", [])
    page = FeedbackPage(**fields)
    for question in questions:
        page.questions.add(FeedbackQuestion(**question))
    home.add_child(instance=page)
    return page


@pytest.fixture
def feedback_page(sms_area, hostel):
    """A page about the hostel, with one optional extra question."""
    return add_feedback_page(
        title="Tell us about Harbour House",
        slug="harbour-house",
        area=sms_area,
        service=hostel,
        questions=[{"question": "Did you feel safe?", "choices": "Yes\nNo\nNot sure"}],
    )


@pytest.fixture
def open_feedback_page(sms_area, hostel, drop_in):
    """A page where people pick the service."""
    return add_feedback_page(title="Have your say", slug="have-your-say", area=sms_area)
