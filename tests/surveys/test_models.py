"""Response: which words may be quoted."""

from surveys.models import Response


def _response(area, **fields):
    defaults = {
        "channel": Response.Channel.SMS,
        "text": "kind staff",
        "redacted_text": "kind staff",
    }
    return Response.objects.create(area=area, **{**defaults, **fields})


def test_only_consented_non_safeguarding_words_are_quotable(area):
    quotable = _response(area, consent_to_quote=True)
    _response(area, consent_to_quote=False)
    _response(area, consent_to_quote=True, is_safeguarding=True)
    _response(area, consent_to_quote=True, text="", redacted_text="")

    assert list(Response.objects.quotable()) == [quotable]
