"""Django's own admin (/django-admin/) needs a second factor too, twice over."""

from django.conf import settings
from django.test import Client, override_settings

from tests.factories import confirmed_totp

from .helpers import VERIFY_PATH, redirect_target, sign_in_with_password

ENFORCING_MIDDLEWARE = "coproduce.two_factor.middleware.RequireTwoFactorMiddleware"


def test_django_admin_sends_an_unverified_superuser_to_verify(client, superuser):
    confirmed_totp(superuser)
    sign_in_with_password(client, superuser)

    path, query = redirect_target(client.get("/django-admin/"))

    assert path == VERIFY_PATH
    assert query["next"] == ["/django-admin/"]


def test_django_admin_opens_for_a_verified_superuser(verified_client, superuser):
    response = verified_client(superuser).get("/django-admin/")

    assert response.status_code == 200
    assert b"Site administration" in response.content


def test_django_admin_refuses_an_unverified_superuser_even_without_our_middleware(superuser):
    """The OTP admin site checks verification itself, so one mistake doesn't open it."""
    middleware = [name for name in settings.MIDDLEWARE if name != ENFORCING_MIDDLEWARE]

    with override_settings(MIDDLEWARE=middleware):
        # A fresh client, because a client builds its middleware chain on first use.
        client = Client()
        sign_in_with_password(client, superuser)
        response = client.get("/django-admin/")
        # Wagtail's admin has no check of its own: shows the middleware really was left out.
        wagtail_admin = client.get("/admin/")

    assert redirect_target(response)[0] == "/django-admin/login/"
    assert wagtail_admin.status_code == 200


def test_django_admin_login_asks_for_a_code(client, superuser):
    sign_in_with_password(client, superuser)

    response = client.get("/django-admin/login/")

    assert response.status_code == 200
    assert b'name="otp_token"' in response.content
