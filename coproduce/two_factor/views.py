import base64
import logging
import math
from urllib.parse import urlencode

import django_otp
import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.decorators import otp_required

from .devices import (
    confirm_app_device,
    has_confirmed_device,
    locked_until,
    pending_app_device,
    replace_backup_codes,
    verify_code,
)
from .forms import CodeForm, SetupCodeForm

logger = logging.getLogger(__name__)

NEW_CODES_SESSION_KEY = "two_factor_new_backup_codes"


def _safe_next(request, default: str = "/admin/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _lockout_message(until) -> str:
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    return (
        f"Too many wrong codes. Wait {seconds} second{'s' if seconds != 1 else ''}, then try again."
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of sign-in: a code from the authenticator app or a backup code."""
    next_url = _safe_next(request)
    if request.user.is_verified():
        return redirect(next_url)
    if not has_confirmed_device(request.user):
        return redirect(_with_next("two_factor:setup", next_url))

    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        result = verify_code(request.user, form.cleaned_data["code"])
        if result.device is not None:
            django_otp.login(request, result.device)
            return redirect(next_url)
        logger.warning("Wrong second-factor code for user id %s", request.user.pk)
        if result.locked_until is not None:
            form.add_error("code", _lockout_message(result.locked_until))
            status = 429
        else:
            form.add_error("code", "That code didn't work. Check it and try again.")
            status = 400
    return render(
        request, "two_factor/verify.html", {"form": form, "next": next_url}, status=status
    )


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def setup(request):
    """Set up an authenticator app: scan a QR code made here (never by a third party)."""
    next_url = _safe_next(request)
    if has_confirmed_device(request.user):
        return redirect(_with_next("two_factor:verify", next_url))

    device = pending_app_device(request.user)
    form = SetupCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        # A wrong code locks the device briefly; only a code sent while it was already locked
        # goes unchecked and earns the "wait" message.
        wait_until = locked_until(device)
        codes = None if wait_until else confirm_app_device(device, form.cleaned_data["code"])
        if codes is not None:
            device.refresh_from_db()
            django_otp.login(request, device)
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("two_factor:backup_codes", next_url))
        if wait_until:
            form.add_error("code", _lockout_message(wait_until))
            status = 429
        else:
            form.add_error("code", "That code didn't work. Check the time on your phone is right.")
            status = 400

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    qr_svg = segno.make(device.config_url, error="m").svg_inline(
        scale=5, title="QR code for your authenticator app"
    )
    context = {
        "form": form,
        "next": next_url,
        "qr_svg": qr_svg,
        "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
    }
    return render(request, "two_factor/setup.html", context, status=status)


@never_cache
@otp_required
def backup_codes(request):
    """Show newly made backup codes once; after that they can only be replaced."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    return render(
        request,
        "two_factor/backup_codes.html",
        {"codes": codes, "next": _safe_next(request)},
    )


@never_cache
@otp_required
@require_POST
def new_backup_codes(request):
    request.session[NEW_CODES_SESSION_KEY] = replace_backup_codes(request.user)
    messages.success(request, "Your old backup codes no longer work. Keep these new ones safe.")
    return redirect("two_factor:backup_codes")
