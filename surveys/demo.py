"""Demo feedback: a few months of texts from Riverside's cohort, with replies and scores.

Rows are written directly (not sent through the webhook) so each can carry its own date in
the past. Idempotent: each demo text has a fixed MessageSid, and seeding stops at the first
one that already exists.
"""

import random
import uuid
from datetime import timedelta

from django.core.management.base import OutputWrapper
from django.utils import timezone

from coproduce.demo import RIVERSIDE
from coproduce.models import Consent, Person, Service, Theme
from sms.models import Attention, Message
from sms.texts import render_text

from .models import Response, ResponseTheme
from .redaction import redact

RANDOM_SEED = 3  # any fixed number: the same history on every machine
DAYS = 120
TEXTS = 420

# What people say, by how the service made them feel. Invented, in the voice of the people
# the partnerships told us about.
WORDS = {
    1: [
        "They talked to me like I was nothing",
        "Waited 4 hours and then told to come back tomorrow",
        "Nobody listened. Again.",
        "Got sanctioned and no one explained why",
        "Staff laughed at me in front of everyone",
        "Had to tell my story 5 times to 5 different people",
    ],
    2: [
        "Letter came after the appointment had gone",
        "Phone line never answers",
        "Felt rushed, they didn't have time for me",
        "Couldn't bring my dog so I slept out",
        "They said my mental health wasn't their team",
    ],
    3: [
        "It was ok. Long wait but they sorted it",
        "Alright, nothing special",
        "Mixed. Worker was nice but the rules are stupid",
    ],
    4: [
        "Worker remembered my name",
        "They rang me back like they said they would",
        "Got my script sorted the same day",
        "Helped me fill in the forms",
    ],
    5: [
        "Best support I've had in years, they actually listened",
        "She came with me to the housing appointment. Made all the difference",
        "Treated me like a human being",
        "Got a room tonight. Thank you",
    ],
}
# Some services do better than others, so the dashboards have something to show.
SERVICE_MOOD = {
    "HOSTEL": [2, 3, 3, 4, 4],
    "DROPIN": [4, 4, 5, 5, 3],
    "GP": [3, 4, 4, 5, 2],
    "PROBATION": [1, 2, 3, 3, 4],
    "DWP": [1, 1, 2, 2, 3],
    "RECOVERY": [3, 4, 4, 5, 5],
    "CMHT": [1, 2, 2, 3, 4],
    "HOUSING": [1, 2, 2, 3, 3],
}
RISK_TEXTS = ["I can't go on like this, I want to end it all"]
OPT_OUT_HINTS = ["please stop texting me"]


def seed(*, stdout: OutputWrapper) -> None:
    _seed_texts(stdout=stdout)
    _seed_web(stdout=stdout)


def _seed_texts(*, stdout: OutputWrapper) -> None:
    if Message.objects.filter(provider_sid=_sid(0)).exists():
        stdout.write("Feedback: already there.")
        return
    rng = random.Random(RANDOM_SEED)  # noqa: S311 - repeatable demo data, not secrets
    people = list(
        Person.objects.filter(area__slug=RIVERSIDE, is_cohort_member=True)
        .contactable_by_sms()
        .order_by("pk")
    )
    services = {s.code: s for s in Service.objects.filter(area__slug=RIVERSIDE)}
    moods = {code: mood for code, mood in SERVICE_MOOD.items() if code in services}
    if not people or not moods:
        stdout.write("Feedback: skipped (no Riverside people or services).")
        return
    now = timezone.now()
    made = 0
    for n in range(TEXTS):
        at = now - timedelta(days=DAYS * (1 - n / TEXTS), minutes=rng.randrange(0, 600))
        person = rng.choice(people)
        code = rng.choice(list(moods))
        score = rng.choice(moods[code])
        words = rng.choice(WORDS[score]) if rng.random() < 0.8 else ""
        body = f"{code} {score} {words}".strip()
        _record(n, person, services[code], score, words, body, at)
        made += 1
    for k, body in enumerate(RISK_TEXTS + OPT_OUT_HINTS):
        person = people[k % len(people)]
        _record(TEXTS + k, person, None, None, body, body, now - timedelta(days=2 - k))
    stdout.write(f"Feedback: {made} texts over {DAYS} days, with replies and scores.")


def _sid(n: int) -> str:
    return f"SMdemo{n:026d}"


def _record(n, person, service, score, words, body, at) -> None:
    inbound = Message.objects.create(
        direction=Message.Direction.INBOUND,
        status=Message.Status.PROCESSED,
        provider_sid=_sid(n),
        area=person.area,
        person=person,
        phone=person.phone,
        our_number=person.area.sms_number,
        body=body,
        created_at=at,
        processed_at=at,
    )
    at_risk = service is None and "end it all" in body
    reply = render_text("safeguarding" if at_risk else "ask_more" if score else "thanks")
    Message.reply_to(inbound, reply, at=at).save(force_insert=True)
    if service is None:
        reason = Attention.Reason.SAFEGUARDING if at_risk else Attention.Reason.POSSIBLE_OPT_OUT
        Attention.objects.create(area=person.area, message=inbound, reason=reason, detail=body)
    Response.objects.create(
        area=person.area,
        channel=Response.Channel.SMS,
        person=person,
        service=service,
        feeling_score=score,
        text=words,
        redacted_text=redact(words),
        consent_to_quote=person.has_consent(Consent.Kind.QUOTE_WORDS),
        is_safeguarding=at_risk,
        created_at=at,
    )


# Web feedback: (days ago, service code, score, words, consent to quote, theme slugs, confirmed).
WEB = [
    (
        9,
        "HOSTEL",
        2,
        "Nobody told me the curfew had changed and I got locked out.",
        True,
        ["housing", "communication"],
        True,
    ),
    (
        6,
        "DROPIN",
        5,
        "The breakfast and the shower meant I could go to my appointment.",
        True,
        ["respect-and-dignity"],
        False,
    ),
    (
        4,
        "HOSTEL",
        4,
        "My key worker sat with me to sort my bidding on the housing register.",
        False,
        ["housing"],
        False,
    ),
    (1, "GP", 3, "", False, [], False),
]
WEB_TOKEN_NAMESPACE = uuid.UUID("6f0c1f4e-57d4-4a55-9b2e-0d6f3c1f2a90")


def _seed_web(*, stdout: OutputWrapper) -> None:
    """A few anonymous web responses, found again by their fixed submission tokens."""
    services = {s.code: s for s in Service.objects.filter(area__slug=RIVERSIDE)}
    themes = {t.slug: t for t in Theme.objects.filter(area=None)}
    now = timezone.now()
    made = 0
    for n, (days, code, score, words, consent, slugs, confirmed) in enumerate(WEB):
        token = uuid.uuid5(WEB_TOKEN_NAMESPACE, str(n))
        service = services.get(code)
        if service is None or Response.objects.filter(submission_token=token).exists():
            continue
        response = Response.objects.create(
            area=service.area,
            channel=Response.Channel.WEB,
            service=service,
            feeling_score=score,
            text=words,
            redacted_text=redact(words),
            consent_to_quote=consent,
            submission_token=token,
            created_at=now - timedelta(days=days),
        )
        status = ResponseTheme.Status.CONFIRMED if confirmed else ResponseTheme.Status.SUGGESTED
        for slug in slugs:
            if slug in themes:
                ResponseTheme.objects.create(response=response, theme=themes[slug], status=status)
        made += 1
    stdout.write(f"Web feedback: {made} responses added.")
