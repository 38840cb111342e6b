import pytest

from coproduce.two_factor.devices import replace_backup_codes
from tests.factories import confirmed_totp

from .helpers import sign_in_with_password


@pytest.fixture
def app_device(coordinator):
    return confirmed_totp(coordinator)


@pytest.fixture
def backup_codes(coordinator, app_device):
    return replace_backup_codes(coordinator)


@pytest.fixture
def password_only_client(client, coordinator, app_device):
    """A coordinator with an authenticator app who has given their password and nothing else."""
    sign_in_with_password(client, coordinator)
    return client
