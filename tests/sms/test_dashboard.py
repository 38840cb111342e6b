"""The admin dashboard tells staff what is waiting in "Needs attention", in their area only."""

from bs4 import BeautifulSoup

from sms.models import Attention, Message
from tests.factories import AreaFactory


def _item(area, reason=Attention.Reason.POSSIBLE_OPT_OUT, **fields):
    message = Message.objects.create(
        direction=Message.Direction.INBOUND, area=area, phone="+447700900123", body="hi"
    )
    return Attention.objects.create(area=area, message=message, reason=reason, **fields)


def _panel_text(client) -> str:
    page = BeautifulSoup(client.get("/admin/").content, "html.parser")
    heading = page.find(id="needs-attention-heading")
    return heading.parent.get_text(" ", strip=True) if heading else ""


def test_coordinator_sees_open_items_in_their_area(verified_client, coordinator, area):
    _item(area, reason=Attention.Reason.SAFEGUARDING)
    _item(area)
    _item(AreaFactory(name="Hillford", slug="hillford"))

    text = _panel_text(verified_client(coordinator))

    assert "2 items waiting for staff" in text
    assert "1 about possible risk to someone" in text


def test_resolved_items_are_not_counted(verified_client, coordinator, area):
    resolved = _item(area)
    resolved.resolve(by=coordinator)

    assert "Nothing waiting" in _panel_text(verified_client(coordinator))


def test_governance_viewers_do_not_get_the_panel(verified_client, governance_viewer, area):
    _item(area, reason=Attention.Reason.SAFEGUARDING)

    assert _panel_text(verified_client(governance_viewer)) == ""
