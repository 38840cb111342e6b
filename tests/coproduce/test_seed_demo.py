import re
import sys
from importlib.machinery import ModuleSpec
from io import StringIO
from types import ModuleType

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

import coproduce.demo
from coproduce import roles
from coproduce.demo import (
    DEMO_PASSWORD,
    DEMO_STAFF,
    current_code,
    demo_backup_codes,
    demo_totp_key,
)
from coproduce.management.commands import seed_demo as seed_demo_command
from coproduce.models import Area, Consent, Person, Service, User
from coproduce.two_factor.devices import verify_code
from tests.factories import UserFactory

DRAMA_RANGE = re.compile(r"^\+447700900\d{3}$")


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def demo_otp(*args: str) -> str:
    out = StringIO()
    call_command("demo_otp", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded(db, monkeypatch):
    """seed_demo with only the core's demo module: these tests are about the core's data, and
    each later app's seed would slow every one of them down."""
    monkeypatch.setattr(seed_demo_command, "demo_modules", lambda: [coproduce.demo])
    return seed_demo()


def snapshot() -> dict:
    """Everything a re-run could change: row counts, and the values it must leave alone."""
    return {
        "counts": {
            model.__name__: model.objects.count()
            for model in [Area, Service, Person, Consent, User, TOTPDevice, StaticDevice]
        },
        "tokens": sorted(StaticToken.objects.values_list("device__user__username", "token")),
        "passwords": dict(User.objects.values_list("username", "password")),
        "keys": dict(TOTPDevice.objects.values_list("user__username", "key")),
        "people": sorted(Person.objects.values_list("phone_hash", "updated_at", "area__slug")),
    }


def test_seed_demo_makes_riverside_with_twelve_services_and_a_small_hillford(seeded):
    riverside = Service.objects.filter(area__slug="riverside")
    assert riverside.count() == 12
    assert Service.objects.filter(area__slug="hillford").count() == 3
    assert {"HOSTEL", "GP", "PROBATION", "DWP", "CMHT", "OUTREACH"} <= set(
        riverside.values_list("code", flat=True)
    )
    assert all(service.alias_list for service in riverside)


def test_seed_demo_makes_60_cohort_members_and_10_experts_by_experience(seeded):
    cohort = Person.objects.filter(area__slug="riverside", is_cohort_member=True)
    ebes = Person.objects.filter(area__slug="riverside", is_expert_by_experience=True)
    assert cohort.count() == 60
    assert ebes.count() == 10
    assert 0 < ebes.filter(is_cohort_member=True).count() < 10
    assert cohort.filter(display_name="").exists()
    assert cohort.exclude(language="en-gb").count() < cohort.filter(language="en-gb").count()
    assert cohort.exclude(language="en-gb").exists()


def test_demo_people_who_opted_out_have_withdrawn_sms_consent(seeded):
    opted_out = Person.objects.filter(opted_out_at__isnull=False)
    assert opted_out.count() == 2
    assert not any(person.has_consent(Consent.Kind.SMS_CONTACT) for person in opted_out)
    assert Person.objects.contactable_by_sms().count() == Person.objects.count() - 2
    quotable = [p for p in Person.objects.all() if p.has_consent(Consent.Kind.QUOTE_WORDS)]
    assert 0 < len(quotable) < Person.objects.count()


def test_every_demo_phone_number_is_in_the_drama_range(seeded):
    phones = [person.phone for person in Person.objects.all()]
    assert len(phones) == Person.objects.count() > 0
    assert [phone for phone in phones if not DRAMA_RANGE.match(phone)] == []


def test_each_role_has_one_riverside_demo_user_in_its_group(seeded):
    for role in roles.ALL_ROLES:
        users = User.objects.filter(groups__name=role, is_national=False)
        assert users.count() == 1, role
        assert list(users.get().areas.values_list("slug", flat=True)) == ["riverside"]
    national = User.objects.get(username="national")
    assert national.is_national
    assert not national.areas.exists()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert User.objects.filter(is_staff=True).count() == 1


def test_demo_users_sign_in_with_the_demo_password_and_fixed_second_factors(seeded):
    assert User.objects.count() == len(DEMO_STAFF)
    for user in User.objects.all():
        validate_password(DEMO_PASSWORD, user)
        assert authenticate(username=user.username, password=DEMO_PASSWORD) == user
        device = TOTPDevice.objects.get(user=user)
        assert device.confirmed
        assert device.key == demo_totp_key(user.username)
        backup = StaticToken.objects.filter(device__user=user, device__confirmed=True)
        assert sorted(backup.values_list("token", flat=True)) == sorted(
            demo_backup_codes(user.username)
        )
    assert len(set(TOTPDevice.objects.values_list("key", flat=True))) == len(DEMO_STAFF)


def test_a_demo_backup_code_passes_the_real_second_factor_check(seeded):
    user = User.objects.get(username="finance")
    result = verify_code(user, demo_backup_codes("finance")[0])
    assert isinstance(result.device, StaticDevice)


def test_seed_demo_prints_each_sign_in_and_how_to_get_a_code(seeded):
    for spec in DEMO_STAFF:
        assert re.search(
            rf"^{spec.username} +{re.escape(spec.role)} .*{DEMO_PASSWORD}$", seeded, re.M
        )
    assert "python manage.py demo_otp <username>" in seeded


def test_seeding_twice_changes_nothing(db):
    # Every app's demo module, so a later app's seed that isn't idempotent fails here too.
    seed_demo()
    before = snapshot()
    output = seed_demo()
    assert snapshot() == before
    assert "(0 rows created, 0 updated)" in output


def test_seeding_again_restores_a_changed_demo_password_and_key(seeded):
    user = User.objects.get(username="coordinator")
    user.set_password("something-else-entirely")
    user.save()
    TOTPDevice.objects.filter(user=user).update(key="00" * 20)
    StaticToken.objects.filter(device__user=user).delete()

    seed_demo()

    assert authenticate(username="coordinator", password=DEMO_PASSWORD) == user
    assert TOTPDevice.objects.get(user=user).key == demo_totp_key("coordinator")
    assert StaticToken.objects.filter(device__user=user).count() == 10


@override_settings(IS_PRODUCTION=True)
def test_seed_demo_refuses_under_production_settings_and_creates_nothing(db):
    with pytest.raises(CommandError, match="production settings"):
        seed_demo()
    assert not Area.objects.exists()
    assert not User.objects.exists()
    assert not Person.objects.exists()
    assert not Service.objects.exists()


def test_demo_otp_prints_a_code_the_device_accepts(seeded):
    output = demo_otp("coordinator")
    code = output.splitlines()[0]
    assert re.fullmatch(r"\d{6}", code)
    assert re.search(r"valid for another \d+ seconds?\.", output)
    device = TOTPDevice.objects.get(user__username="coordinator")
    assert device.verify_token(code)


def test_demo_otp_says_when_the_current_code_was_already_used(seeded):
    device = TOTPDevice.objects.get(user__username="organiser")
    assert device.verify_token(demo_otp("organiser").splitlines()[0])
    assert "already signed in with this code" in demo_otp("organiser")


def test_demo_otp_lists_backup_codes_on_request(seeded):
    output = demo_otp("governance", "--backup-codes")
    assert all(code in output for code in demo_backup_codes("governance"))


def test_current_code_matches_django_otp_and_counts_down_the_step(seeded):
    device = TOTPDevice.objects.get(user__username="admin")
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    generator.time = 1_800_000_010

    current = current_code(device, at=generator.time)

    assert current.code == f"{generator.token():06d}"
    assert current.seconds_left == 20
    assert not current.already_used
    assert current_code(device, at=1_800_000_000).seconds_left == 30


def test_demo_otp_unknown_user_is_a_clear_error(seeded):
    with pytest.raises(CommandError, match="no user called 'nobody'"):
        demo_otp("nobody")


def test_demo_otp_user_without_an_app_is_a_clear_error(db):
    UserFactory(username="newstarter")
    with pytest.raises(CommandError, match="newstarter has no confirmed authenticator app"):
        demo_otp("newstarter")


@override_settings(IS_PRODUCTION=True)
def test_demo_otp_refuses_under_production_settings(seeded):
    with pytest.raises(CommandError, match="production settings"):
        demo_otp("coordinator")


def fake_demo_module(monkeypatch, name: str, **attributes) -> ModuleType:
    """Install ``name`` (e.g. ``sms.demo``) as if the app had a demo.py."""
    module = ModuleType(name)
    module.__spec__ = ModuleSpec(name, loader=None)
    for attribute, value in attributes.items():
        setattr(module, attribute, value)
    monkeypatch.setitem(sys.modules, name, module)
    return module


def test_seed_demo_runs_later_apps_demo_modules_after_the_core(db, monkeypatch):
    calls = []

    def seed(*, stdout):
        # The core ran first, so a later app can build on its rows.
        calls.append(Area.objects.filter(slug="riverside").exists())
        stdout.write("SMS demo seeded.")

    fake_demo_module(monkeypatch, "sms.demo", seed=seed)
    output = seed_demo()
    assert calls == [True]
    assert output.index("Core:") < output.index("SMS demo seeded.")


def test_a_failing_demo_module_rolls_back_every_app(db, monkeypatch):
    def seed(*, stdout):
        raise RuntimeError("panels demo broke")

    fake_demo_module(monkeypatch, "panels.demo", seed=seed)
    with pytest.raises(RuntimeError, match="panels demo broke"):
        seed_demo()
    assert not Area.objects.exists()
    assert not User.objects.exists()


def test_a_demo_module_without_seed_is_a_clear_error(db, monkeypatch):
    fake_demo_module(monkeypatch, "cms.demo")
    with pytest.raises(CommandError, match=r"cms\.demo has no seed\(\*, stdout\) function"):
        seed_demo()
    assert not Area.objects.exists()
