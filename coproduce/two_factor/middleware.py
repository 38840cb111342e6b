from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

from .devices import has_confirmed_device


class RequireTwoFactorMiddleware:
    """Every staff URL needs a session verified with a second factor.

    django_otp's OTPMiddleware (which must run first) only *marks* ``request.user`` as verified;
    this enforces it. A signed-in user who has not verified is sent to enter a code, or to set
    up an authenticator app if they have none. Signed-out users pass through so Wagtail's and
    Django's own login pages handle them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._needs_verification(request):
            user = request.user
            target = "two_factor:verify" if has_confirmed_device(user) else "two_factor:setup"
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse(target)}?{query}")
        return self.get_response(request)

    @staticmethod
    def _needs_verification(request) -> bool:
        path = request.path_info
        if not any(path.startswith(prefix) for prefix in settings.TWO_FACTOR_PROTECTED_PREFIXES):
            return False
        if any(path.startswith(prefix) for prefix in settings.TWO_FACTOR_EXEMPT_PREFIXES):
            return False
        user = request.user
        return user.is_authenticated and not user.is_verified()
