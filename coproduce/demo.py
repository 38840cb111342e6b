"""Core demo data: the fictional Riverside partnership (and a small Hillford next door).

Everything here is invented. People have a first name, a nickname or no name at all, and phone
numbers only from Ofcom's drama range (+447700900000 to +447700900999), which is never given
to a real line. ``seed_demo`` calls ``seed`` and refuses to run under production settings.

Demo staff sign-ins are public on purpose so anyone can try the site locally:

- every demo user's password is ``DEMO_PASSWORD``;
- each has a confirmed authenticator-app (TOTP) device whose hex key is the first 20 bytes of
  ``sha256("<DEMO_KEY_SALT>:totp:<username>")``, and ten backup codes, each the base32 of the
  first 5 bytes of ``sha256("<DEMO_KEY_SALT>:backup:<username>:<n>")``, lower-cased.

Deriving the keys from the username keeps them the same on every run and every machine, so
``python manage.py demo_otp <username>`` and an authenticator app set up once keep working.
"""

import base64
import hashlib
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import CommandError, OutputWrapper
from django.db import models
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import roles
from .models import Area, Consent, Person, Service, User
from .two_factor.devices import APP_DEVICE_NAME, BACKUP_CODE_COUNT, BACKUP_DEVICE_NAME

# Public by design, like the keys below: it only ever exists on local and test sites.
DEMO_PASSWORD = "coproduce-demo-2026"  # noqa: S105
# Public by design (see the module docstring). Never derive a real account's key from it.
DEMO_KEY_SALT = "coproduce-demo-keys-v1"
# One seed for every random choice below, so every run makes the same partnership.
RANDOM_SEED = 2026

DRAMA_RANGE_PREFIX = "+447700900"
RIVERSIDE = "riverside"
HILLFORD = "hillford"
AREAS = {RIVERSIDE: "Riverside", HILLFORD: "Hillford"}


def refuse_in_production(command: str) -> None:
    """Stop a demo command before it touches anything when running with production settings."""
    if settings.IS_PRODUCTION:
        raise CommandError(
            f"{command} is for local and test sites only and will not run with production "
            "settings: it makes sign-ins whose password and codes are public. Nothing was "
            "changed."
        )


def drama_number(n: int) -> str:
    """The ``n``th number (0-999) in Ofcom's drama range, in E.164."""
    if not 0 <= n <= 999:
        raise ValueError(f"Drama-range numbers run from 0 to 999, not {n}.")
    return f"{DRAMA_RANGE_PREFIX}{n:03d}"


# Staff ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoStaff:
    username: str
    role: str
    group: str | None
    area_slugs: tuple[str, ...] = ()
    is_national: bool = False
    is_superuser: bool = False

    @property
    def areas_label(self) -> str:
        if self.is_national or self.is_superuser:
            return "all areas"
        return ", ".join(AREAS[slug] for slug in self.area_slugs)


DEMO_STAFF = [
    DemoStaff("admin", "Superuser", None, is_superuser=True),
    DemoStaff("area_admin", roles.AREA_ADMIN, roles.AREA_ADMIN, (RIVERSIDE,)),
    DemoStaff("coordinator", roles.COORDINATOR, roles.COORDINATOR, (RIVERSIDE,)),
    DemoStaff("organiser", roles.PANEL_ORGANISER, roles.PANEL_ORGANISER, (RIVERSIDE,)),
    DemoStaff("finance", roles.FINANCE, roles.FINANCE, (RIVERSIDE,)),
    DemoStaff("governance", roles.GOVERNANCE_VIEWER, roles.GOVERNANCE_VIEWER, (RIVERSIDE,)),
    # National reporting sees aggregates for every area, so least privilege makes it a
    # governance viewer rather than someone who can open every area's people.
    DemoStaff(
        "national",
        f"{roles.GOVERNANCE_VIEWER} (national)",
        roles.GOVERNANCE_VIEWER,
        is_national=True,
    ),
]


def demo_totp_key(username: str) -> str:
    """The fixed hex TOTP key (20 bytes, as django-otp makes by default) for a demo user."""
    return hashlib.sha256(f"{DEMO_KEY_SALT}:totp:{username}".encode()).hexdigest()[:40]


def demo_backup_codes(username: str) -> list[str]:
    """The fixed backup codes for a demo user, shaped like ``StaticToken.random_token()``."""
    return [
        base64.b32encode(
            hashlib.sha256(f"{DEMO_KEY_SALT}:backup:{username}:{n}".encode()).digest()[:5]
        )
        .decode()
        .lower()
        for n in range(BACKUP_CODE_COUNT)
    ]


def confirmed_app_device(user: User) -> TOTPDevice | None:
    """The user's first confirmed authenticator app: the one seeding keeps on the demo key."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


@dataclass(frozen=True)
class CurrentCode:
    code: str
    seconds_left: int
    already_used: bool


def current_code(device: TOTPDevice, *, at: float | None = None) -> CurrentCode:
    """The code ``device`` accepts right now (or at Unix time ``at``) and how long it lasts.

    Reads the device without changing it. ``already_used`` is True when this time step's code
    has signed someone in already: django-otp refuses a code twice, so wait for the next one.
    """
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() if at is None else at
    elapsed = (int(totp.time) - device.t0) % device.step
    return CurrentCode(
        code=f"{totp.token():0{device.digits}d}",
        seconds_left=device.step - elapsed,
        already_used=totp.t() <= device.last_t,
    )


# Services ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoService:
    code: str
    name: str
    aliases: tuple[str, ...]
    description: str


SERVICES = {
    RIVERSIDE: [
        DemoService(
            "HOSTEL",
            "Harbour House hostel",
            ("Harbour House", "the hostel", "HH"),
            "Supported hostel with 48 rooms and staff on site day and night.",
        ),
        DemoService(
            "DROPIN",
            "The Lantern day centre",
            ("the Lantern", "day centre", "drop-in", "drop in"),
            "Breakfast, showers, laundry and advice, weekdays 8am to 2pm.",
        ),
        DemoService(
            "GP",
            "Quayside Health Centre",
            ("Quayside", "the doctors", "homeless GP", "Quayside surgery"),
            "GP practice for people who are homeless or have no fixed address.",
        ),
        DemoService(
            "PROBATION",
            "Riverside Probation Office",
            ("probation", "PO", "my probation officer"),
            "Probation supervision for people on licence or community orders.",
        ),
        DemoService(
            "DWP",
            "Riverside Jobcentre",
            ("jobcentre", "job centre", "the dole", "UC", "Universal Credit"),
            "DWP jobcentre: Universal Credit claims, appointments and work coaches.",
        ),
        DemoService(
            "RECOVERY",
            "Turning Tide drug and alcohol service",
            ("Turning Tide", "drug service", "alcohol service", "script clinic"),
            "Prescribing, needle exchange, key work and recovery groups.",
        ),
        DemoService(
            "CMHT",
            "Riverside Community Mental Health Team",
            ("mental health team", "the CMHT", "MH team"),
            "Secondary mental health care and care coordination.",
        ),
        DemoService(
            "HOUSING",
            "Housing Options, Riverside Council",
            ("housing options", "the council", "homeless team", "housing"),
            "Homelessness assessments, emergency accommodation and housing register.",
        ),
        DemoService(
            "AE",
            "A&E liaison team, Riverside General Hospital",
            ("A&E", "A and E", "casualty", "the hospital", "Riverside General"),
            "Mental health and substance use liaison in the emergency department.",
        ),
        DemoService(
            "WOMEN",
            "Marlow Street Women's Centre",
            ("women's centre", "womens centre", "Marlow Street"),
            "Women-only space: advice, groups and support after violence or abuse.",
        ),
        DemoService(
            "FOOD",
            "Riverside Community Food Bank",
            ("food bank", "foodbank", "food parcels"),
            "Emergency food parcels on referral, Tuesday and Friday afternoons.",
        ),
        DemoService(
            "OUTREACH",
            "Riverside street outreach team",
            ("outreach", "street team", "the van"),
            "Early-morning and evening outreach to people sleeping rough.",
        ),
    ],
    HILLFORD: [
        DemoService(
            "HOSTEL",
            "Hillford Night Shelter",
            ("night shelter", "the shelter"),
            "Twenty beds, open 7pm to 8am.",
        ),
        DemoService(
            "DWP",
            "Hillford Jobcentre",
            ("jobcentre", "job centre", "UC"),
            "DWP jobcentre for Hillford and the villages.",
        ),
        DemoService(
            "OUTREACH",
            "Hillford outreach team",
            ("outreach",),
            "Street outreach three mornings a week.",
        ),
    ],
}


# People --------------------------------------------------------------------------------------

# Riverside's cohort: a first name or nickname, or "" where someone gave no name, and the
# language they asked for where it isn't English.
# fmt: off
RIVERSIDE_COHORT = [
    ("Dee", "en-gb"), ("Kev", "en-gb"), ("Tash", "en-gb"), ("Jonno", "en-gb"),
    ("", "en-gb"), ("Marie", "en-gb"), ("Stevie", "en-gb"), ("Bex", "en-gb"),
    ("Bogdan", "ro"), ("Danny", "en-gb"), ("Lou", "en-gb"), ("Gaz", "en-gb"),
    ("", "en-gb"), ("Shaz", "en-gb"), ("Mikey", "en-gb"), ("Kaz", "en-gb"),
    ("Robbie", "en-gb"), ("Gosia", "pl"), ("Jade", "en-gb"), ("Tony", "en-gb"),
    ("Ange", "en-gb"), ("", "en-gb"), ("Billy", "en-gb"), ("Carla", "en-gb"),
    ("Des", "en-gb"), ("Hodan", "so"), ("Ems", "en-gb"), ("Frankie", "en-gb"),
    ("", "pl"), ("Gina", "en-gb"), ("Izzy", "en-gb"), ("Jay", "en-gb"),
    ("Nia", "cy"), ("Kirsty", "en-gb"), ("Lee", "en-gb"), ("", "en-gb"),
    ("Mags", "en-gb"), ("Nat", "en-gb"), ("Faisal", "ar"), ("Olly", "en-gb"),
    ("Pete", "en-gb"), ("Ria", "en-gb"), ("", "en-gb"), ("Sam", "en-gb"),
    ("Tariq", "ur"), ("Val", "en-gb"), ("Wes", "en-gb"), ("Yas", "en-gb"),
    ("Ioana", "ro"), ("Zoe", "en-gb"), ("", "en-gb"), ("Big Al", "en-gb"),
    ("Kiran", "pa"), ("Rhys", "en-gb"), ("Jas", "en-gb"), ("Mo", "en-gb"),
    ("", "en-gb"), ("Sparky", "en-gb"), ("Dariusz", "pl"), ("", "en-gb"),
]
# fmt: on
# Experts by experience who are not (or no longer) in the cohort.
RIVERSIDE_EBE_ONLY = ["Shell", "Reece", "Ayo", "Bernie"]
EBE_FROM_COHORT = 6
OPTED_OUT = 2
# fmt: off
HILLFORD_COHORT = [
    ("Col", "en-gb"), ("Jodie", "en-gb"), ("", "en-gb"), ("Mick", "en-gb"), ("Alina", "ro"),
    ("Sue", "en-gb"),
]
# fmt: on

# Where each group's numbers start in the drama range.
RIVERSIDE_COHORT_NUMBERS = 100
RIVERSIDE_EBE_NUMBERS = 200
HILLFORD_NUMBERS = 300

CONSENTS_FROM = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
OPT_OUTS_FROM = datetime(2026, 8, 14, 19, 5, tzinfo=UTC)


@dataclass(frozen=True)
class DemoConsent:
    kind: str
    given: bool
    channel: str
    recorded_at: datetime
    note: str = ""


@dataclass(frozen=True)
class DemoPerson:
    area_slug: str
    phone: str
    display_name: str
    language: str
    is_cohort_member: bool
    is_expert_by_experience: bool
    preferred_contact: str
    opted_out_at: datetime | None
    consents: tuple[DemoConsent, ...]


def demo_people() -> list[DemoPerson]:
    """Every demo person. Pure and deterministic: the same list on every call."""
    rng = random.Random(RANDOM_SEED)  # noqa: S311 -- repeatable demo data, not secrets
    rows = []

    def add(area_slug, number, name, language, *, cohort=True, ebe=False, contact, quote):
        rows.append(
            {
                "area_slug": area_slug,
                "phone": drama_number(number),
                "display_name": name,
                "language": language,
                "is_cohort_member": cohort,
                "is_expert_by_experience": ebe,
                "preferred_contact": contact,
                "quote": quote,
            }
        )

    sms = Person.Contact.SMS
    contacts = [sms, Person.Contact.KEY_WORKER, Person.Contact.CALL]
    named = [i for i, (name, _) in enumerate(RIVERSIDE_COHORT) if name]
    ebes = set(rng.sample(named, EBE_FROM_COHORT))
    for i, (name, language) in enumerate(RIVERSIDE_COHORT):
        # In the demo every EbE is invited to panels by text and has agreed to be quoted.
        ebe = i in ebes
        contact = sms if ebe else rng.choices(contacts, [75, 15, 10])[0]
        quote = ebe or rng.random() < 0.35
        add(
            RIVERSIDE,
            RIVERSIDE_COHORT_NUMBERS + i,
            name,
            language,
            ebe=ebe,
            contact=contact,
            quote=quote,
        )
    for j, name in enumerate(RIVERSIDE_EBE_ONLY):
        add(
            RIVERSIDE,
            RIVERSIDE_EBE_NUMBERS + j,
            name,
            "en-gb",
            cohort=False,
            ebe=True,
            contact=sms,
            quote=True,
        )
    for k, (name, language) in enumerate(HILLFORD_COHORT):
        add(HILLFORD, HILLFORD_NUMBERS + k, name, language, contact=sms, quote=rng.random() < 0.35)

    texters = [
        n
        for n, row in enumerate(rows)
        if row["area_slug"] == RIVERSIDE
        and row["preferred_contact"] == sms
        and not row["is_expert_by_experience"]
    ]
    opted_out = {
        n: OPT_OUTS_FROM + timedelta(days=3 * k)
        for k, n in enumerate(sorted(rng.sample(texters, OPTED_OUT)))
    }

    people = []
    for n, row in enumerate(rows):
        agreed_at = CONSENTS_FROM + timedelta(days=n, minutes=rng.randrange(0, 8 * 60))
        channel = rng.choice([Consent.Channel.IN_PERSON, Consent.Channel.STAFF])
        consents = []
        if row["preferred_contact"] == sms:
            consents.append(DemoConsent(Consent.Kind.SMS_CONTACT, True, channel, agreed_at))
        if row.pop("quote"):
            consents.append(DemoConsent(Consent.Kind.QUOTE_WORDS, True, channel, agreed_at))
        stopped_at = opted_out.get(n)
        if stopped_at:
            consents.append(
                DemoConsent(
                    Consent.Kind.SMS_CONTACT,
                    False,
                    Consent.Channel.SMS,
                    stopped_at,
                    note="Texted STOP.",
                )
            )
        people.append(DemoPerson(**row, opted_out_at=stopped_at, consents=tuple(consents)))
    return people


# Writing -------------------------------------------------------------------------------------


def _save_if_changed(obj: models.Model, values: dict, *, force: bool = False) -> str | None:
    """Set ``values`` on ``obj``; validate and save it only when it is new or something differs.

    Returns "created", "updated" or None. Saving nothing when nothing differs is what makes a
    second run change nothing, down to ``updated_at``.
    """
    changed = force or obj.pk is None
    for field, value in values.items():
        if getattr(obj, field) != value:
            setattr(obj, field, value)
            changed = True
    if not changed:
        return None
    outcome = "created" if obj.pk is None else "updated"
    obj.full_clean()
    obj.save()
    return outcome


def _seed_staff(spec: DemoStaff, areas: dict[str, Area], tally: list) -> User:
    user = User.objects.filter(username=spec.username).first() or User(username=spec.username)
    # A new salt each time would change the hash, so only reset a password that doesn't match.
    password_differs = not user.check_password(DEMO_PASSWORD)
    if password_differs:
        user.set_password(DEMO_PASSWORD)
    tally.append(
        _save_if_changed(
            user,
            {
                "first_name": "Demo",
                "last_name": spec.role,
                "email": f"{spec.username}@example.org",
                "is_active": True,
                "is_staff": spec.is_superuser,
                "is_superuser": spec.is_superuser,
                "is_national": spec.is_national,
            },
            force=password_differs,
        )
    )
    user.groups.set(Group.objects.filter(name=spec.group) if spec.group else [])
    user.areas.set([areas[slug] for slug in spec.area_slugs])

    device = confirmed_app_device(user) or TOTPDevice(user=user, name=APP_DEVICE_NAME)
    key = demo_totp_key(spec.username)
    values = {"key": key, "confirmed": True}
    if device.key != key:
        # A different key (e.g. after someone re-set their app) starts from a clean slate.
        values |= {"drift": 0, "last_t": -1, "throttling_failure_count": 0}
    tally.append(_save_if_changed(device, values))

    backup = StaticDevice.objects.filter(user=user).order_by("pk").first() or StaticDevice(
        user=user, name=BACKUP_DEVICE_NAME
    )
    tally.append(_save_if_changed(backup, {"confirmed": True}))
    codes = demo_backup_codes(spec.username)
    deleted, _ = backup.token_set.exclude(token__in=codes).delete()
    tally.extend(["updated"] * deleted)
    existing = set(backup.token_set.values_list("token", flat=True))
    missing = [StaticToken(device=backup, token=code) for code in codes if code not in existing]
    StaticToken.objects.bulk_create(missing)
    tally.extend(["created"] * len(missing))
    return user


def _seed_person(spec: DemoPerson, area: Area, recorded_by: User | None, tally: list) -> Person:
    person = Person.objects.by_phone(spec.phone).filter(area=area).first() or Person(
        area=area, phone=spec.phone
    )
    tally.append(
        _save_if_changed(
            person,
            {
                "display_name": spec.display_name,
                "language": spec.language,
                "is_cohort_member": spec.is_cohort_member,
                "is_expert_by_experience": spec.is_expert_by_experience,
                "preferred_contact": spec.preferred_contact,
                "opted_out_at": spec.opted_out_at,
            },
        )
    )
    for consent in spec.consents:
        # Consent records are never edited, so one is known by who, what and when.
        _, created = Consent.objects.get_or_create(
            person=person,
            kind=consent.kind,
            recorded_at=consent.recorded_at,
            defaults={
                "given": consent.given,
                "channel": consent.channel,
                "note": consent.note,
                "recorded_by": recorded_by if consent.channel != Consent.Channel.SMS else None,
            },
        )
        tally.append("created" if created else None)
    return person


def seed(*, stdout: OutputWrapper) -> None:
    """Create or bring up to date the core demo data; a second run changes nothing.

    Rows are found by natural key (area slug, service area and code, person by phone hash,
    username, consent person/kind/time), so nothing is duplicated. Needs the role groups from
    the migrations. ``seed_demo`` runs it inside its transaction; it sends no messages.
    """
    tally: list[str | None] = []
    areas = {}
    for slug, name in AREAS.items():
        area = Area.objects.filter(slug=slug).first() or Area(slug=slug)
        tally.append(_save_if_changed(area, {"name": name, "is_active": True}))
        areas[slug] = area

    for slug, services in SERVICES.items():
        for spec in services:
            service = Service.objects.filter(area=areas[slug], code=spec.code).first() or Service(
                area=areas[slug], code=spec.code
            )
            values = {
                "name": spec.name,
                "aliases": "\n".join(spec.aliases),
                "description": spec.description,
                "is_active": True,
            }
            tally.append(_save_if_changed(service, values))

    staff = {spec.username: _seed_staff(spec, areas, tally) for spec in DEMO_STAFF}

    people = demo_people()
    for spec in people:
        # The demo coordinator works in Riverside, so Hillford's consents have no recorder.
        recorded_by = staff["coordinator"] if spec.area_slug == RIVERSIDE else None
        _seed_person(spec, areas[spec.area_slug], recorded_by, tally)

    service_count = sum(len(services) for services in SERVICES.values())
    stdout.write(
        f"Core: {len(areas)} areas, {service_count} services, {len(people)} people, "
        f"{len(DEMO_STAFF)} staff users ({tally.count('created')} rows created, "
        f"{tally.count('updated')} updated)."
    )
