import socket

import pytest
from django_otp import DEVICE_ID_SESSION_KEY

from coproduce import roles
from sms.backends import locmem
from tests.factories import AreaFactory, UserFactory, confirmed_totp

_real_connect = socket.socket.connect


def _loopback_only_connect(sock, address):
    """Tests may talk to local services (PostgreSQL, Redis, fake Twilio) and nothing else."""
    host = address[0] if isinstance(address, tuple) else address
    if isinstance(host, str) and (
        host in {"localhost", "::1"} or host.startswith("127.") or host.startswith("/")
    ):
        return _real_connect(sock, address)
    raise RuntimeError(f"Test tried to reach the network: {address!r}")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _loopback_only_connect)


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Every test starts with no texts "sent" (the locmem backend's outbox, like mail.outbox)."""
    locmem.outbox.clear()
    yield
    locmem.outbox.clear()


@pytest.fixture
def area(db):
    return AreaFactory(name="Riverside", slug="riverside")


@pytest.fixture
def other_area(db):
    return AreaFactory(name="Hillford", slug="hillford")


def _staff(role, areas, **kwargs):
    return UserFactory(roles=[role], areas=areas, **kwargs)


@pytest.fixture
def area_admin(area):
    return _staff(roles.AREA_ADMIN, [area], username="area_admin")


@pytest.fixture
def coordinator(area):
    return _staff(roles.COORDINATOR, [area], username="coordinator")


@pytest.fixture
def panel_organiser(area):
    return _staff(roles.PANEL_ORGANISER, [area], username="organiser")


@pytest.fixture
def finance_user(area):
    return _staff(roles.FINANCE, [area], username="finance")


@pytest.fixture
def governance_viewer(area):
    return _staff(roles.GOVERNANCE_VIEWER, [area], username="governance")


@pytest.fixture
def other_coordinator(other_area):
    return _staff(roles.COORDINATOR, [other_area], username="other_coordinator")


@pytest.fixture
def national_user(db):
    return UserFactory(roles=[roles.COORDINATOR], username="national", is_national=True)


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


def log_in_verified(client, user):
    """Sign ``user`` in with a confirmed authenticator app, as after a real two-step login."""
    device = confirmed_totp(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def verified_client(client):
    """Call with a user: returns the test client signed in and two-factor verified."""

    def sign_in(user):
        return log_in_verified(client, user)

    return sign_in
