from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory
import pytest

from panels.models import Membership, Panel, Session
from tests.factories import PersonFactory
from tests.sms.conftest import (  # noqa: F401 - fixtures shared with the SMS tests
    clock,
    sms_area,
    text_in,
)

LONDON = ZoneInfo("Europe/London")
# A Wednesday at noon, well away from quiet hours and clock changes.
NOON = datetime(2026, 6, 10, 12, 0, tzinfo=LONDON)


class PanelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Panel

    name = factory.Sequence(lambda n: f"Voices {n}")
    kind = Panel.Kind.PEER_ADVISORY
    rate_pence = 2500


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    panel = factory.SubFactory(PanelFactory)
    person = factory.LazyAttribute(lambda m: PersonFactory(area=m.panel.area))
    joined_on = datetime(2026, 1, 1).date()


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    panel = factory.SubFactory(PanelFactory)
    starts_at = NOON + timedelta(days=6, hours=2)  # Tue 16 Jun 2pm
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=2))
    venue = "Hope Centre"


@pytest.fixture
def panel(sms_area):  # noqa: F811 - the fixture imported above
    return PanelFactory(area=sms_area, name="Riverside Voices")


@pytest.fixture
def members(panel):
    return [
        MembershipFactory(panel=panel, person=PersonFactory(area=panel.area, display_name=name))
        for name in ["Ash", "Bea", "Cal"]
    ]


@pytest.fixture
def session(panel):
    return SessionFactory(panel=panel)


@pytest.fixture
def invite(django_capture_on_commit_callbacks):
    from panels.invitations import invite_members

    def send(session, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return invite_members(session=session, **kwargs)

    return send
