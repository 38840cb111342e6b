"""Public views: the feedback form and thank-you page (served by FeedbackPage), short links and
posters. Each parses the request, calls one function and renders."""

import segno
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from surveys.web_feedback import RateLimited, rate_limit, record_web_feedback

from .forms import FeedbackForm
from .models import FeedbackPage
from .short_links import display_number, feedback_url, services_for_code, short_link_path

HONEYPOT = "website"


def client_ip(request: HttpRequest) -> str:
    """The visitor's address, for the rate limit. Behind TRUSTED_PROXY_COUNT proxies it is the
    one the outermost of ours saw: that many from the right of X-Forwarded-For (anything
    further left was written by the visitor and could be forged)."""
    hops = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
    if hops and len(addresses) >= hops:
        return addresses[-hops]
    return request.META.get("REMOTE_ADDR", "")


def feedback_form(request: HttpRequest, *, page: FeedbackPage) -> HttpResponse:
    status = 200
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            # A bot: it sees the usual thank-you and nothing is stored.
            return redirect(page.thanks_url)
        form = FeedbackForm(request.POST, page=page)
        if form.is_valid():
            try:
                record_web_feedback(feedback=form.to_feedback(), client_ip=client_ip(request))
            except RateLimited:
                minutes = rate_limit()[1] // 60
                form.add_error(
                    None,
                    _(
                        "A lot of feedback has come from here in a short time. Please "
                        "wait %(minutes)d minutes, then press Send again. Your answers are "
                        "still here."
                    )
                    % {"minutes": minutes},
                )
                status = 429
            else:
                return redirect(page.thanks_url)
    else:
        form = FeedbackForm(page=page, initial={"service": request.GET.get("service", "").upper()})
    response = page.render(request, context_overrides={"form": form})
    response.status_code = status
    # Each visit's form carries its own one-time token, so no shared cache may hand one
    # visitor's form to another. Not no-store: going Back must show the same form (and token),
    # so a resend after Back is recognised as the same feedback.
    patch_cache_control(response, private=True)
    return response


def feedback_thanks(request: HttpRequest, *, page: FeedbackPage) -> HttpResponse:
    return page.render(request, template="cms/feedback_thanks.html")


def short_link(request: HttpRequest, code: str, area_slug: str | None = None) -> HttpResponse:
    """``/f/<area>/<CODE>/`` or ``/f/<CODE>/``: on to the feedback page, or a short page to
    pick the area when several have that code."""
    services = list(services_for_code(code, area_slug=area_slug))
    if len(services) == 1:
        url = feedback_url(services[0])
        if url:
            return redirect(url)
    elif len(services) > 1:
        choices = [(service, short_link_path(service)) for service in services]
        return render(request, "cms/short_link.html", {"code": code.upper(), "choices": choices})
    service = services[0] if services else None
    context = {"code": code.upper(), "service": service}
    if service is not None and service.area.sms_number:
        context["sms_number"] = display_number(service.area.sms_number)
    return render(request, "cms/short_link.html", context, status=404)


def poster(request: HttpRequest, area_slug: str, code: str) -> HttpResponse:
    """A printable A4 poster: the QR code (made here, nothing fetched) and how to text."""
    services = services_for_code(code, area_slug=area_slug)
    service = services.first()
    if service is None:
        return render(request, "cms/short_link.html", {"code": code.upper()}, status=404)
    page = FeedbackPage.for_service(service)
    link = request.build_absolute_uri(short_link_path(service))
    qr_svg = None
    if page is not None:
        qr_svg = segno.make(link, error="m").svg_inline(scale=6, omitsize=True, svgclass="qr-code")
    language = page.language if page is not None else translation.get_language()
    with translation.override(language):
        response = render(
            request,
            "cms/poster.html",
            {
                "service": service,
                "area": service.area,
                "link": link if page is not None else "",
                "qr_svg": qr_svg,
                "sms_number": display_number(service.area.sms_number),
            },
        )
    response.headers["Content-Language"] = language
    return response
