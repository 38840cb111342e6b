from surveys.models import Response
from tests.sms.conftest import replies


def test_named_service_then_score_then_more(text_in, hostel):
    first = text_in("hostel")
    assert first.status_code == 200
    texts = replies(first)
    assert texts[0].startswith("Your words help improve local services")
    assert texts[1] == (
        "How did Hope House make you feel today? Reply 1 (very bad) to 5 (very good)"
    )
    second = replies(text_in("4"))
    assert second == [
        "Thank you. Anything else you want to tell us? Just reply, or ignore this text."
    ]
    third = replies(text_in("the staff were kind"))
    assert third[0].startswith("Thank you. We read every message")
    response = Response.objects.get()
    assert response.service == hostel
    assert response.feeling_score == 4
    assert response.text == "the staff were kind"
    assert response.channel == Response.Channel.SMS
