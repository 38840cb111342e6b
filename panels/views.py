"""A member's own page: their sessions with answer buttons and calendar files, papers, what
they are owed, and taking a break or leaving (no reason asked). Thin: each view finds the
signed-in member, calls one function and renders."""

from functools import wraps

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import invitations, member_links
from .calendar import ics_filename, session_ics
from .models import Membership, PaymentEntry, Session
from .papers import paper_for_member
from .sessions import upcoming_invitations_for
from .wording import pounds


def member_required(view):
    @wraps(view)
    @never_cache
    def wrapper(request, *args, **kwargs):
        person = member_links.member_from_request(request)
        if person is None:
            return render(request, "panels/signed_out.html", status=403)
        request.member = person
        return view(request, *args, **kwargs)

    return wrapper


@never_cache
def member_link(request, token: str):
    """GET shows a button, POST uses the link: phones that preview links (a GET) don't use it
    up before the member taps it."""
    if request.method == "POST":
        person = member_links.redeem_link(token)
        if person is None:
            return render(request, "panels/link_not_working.html", status=410)
        return member_links.sign_in(redirect("panels:member_home"), person)
    if member_links.find_usable_link(token) is None:
        return render(request, "panels/link_not_working.html", status=410)
    return render(request, "panels/link_open.html")


@member_required
def member_home(request):
    person = request.member
    memberships = Membership.objects.current().filter(person=person).select_related("panel")
    entries = PaymentEntry.objects.filter(person=person).select_related("session__panel")
    total_owed = sum(entry.amount_pence for entry in entries if entry.status == entry.Status.OWED)
    return render(
        request,
        "panels/member_home.html",
        {
            "person": person,
            "memberships": memberships,
            "invitations": upcoming_invitations_for(person),
            "entries": entries,
            "total_owed": pounds(total_owed),
            "now": timezone.now(),
        },
    )


@require_POST
@member_required
def answer(request, session_id: int):
    coming = request.POST.get("answer") == "yes"
    result = invitations.answer_on_the_web(
        person=request.member, session_id=session_id, coming=coming
    )
    messages.info(request, result.web_message)
    return redirect("panels:member_home")


@member_required
def calendar_file(request, session_id: int):
    session = get_object_or_404(
        Session.objects.select_related("panel"), pk=session_id, invitations__person=request.member
    )
    response = HttpResponse(session_ics(session), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{ics_filename(session)}"'
    return response


@member_required
def paper(request, paper_id: int):
    found = paper_for_member(person=request.member, paper_id=paper_id)
    if found is None:
        raise Http404
    document = found.document
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=document.filename)


def _own_membership(request, membership_id: int) -> Membership:
    return get_object_or_404(
        Membership.objects.current().select_related("panel"),
        pk=membership_id,
        person=request.member,
    )


@require_POST
@member_required
def take_a_break(request, membership_id: int):
    membership = _own_membership(request, membership_id)
    membership.pause()
    messages.info(
        request,
        f"You're taking a break from {membership.panel}. We won't invite you until you come back.",
    )
    return redirect("panels:member_home")


@require_POST
@member_required
def come_back(request, membership_id: int):
    membership = _own_membership(request, membership_id)
    membership.resume()
    messages.info(request, f"Welcome back. We'll invite you to {membership.panel} again.")
    return redirect("panels:member_home")


@require_POST
@member_required
def leave_panel(request, membership_id: int):
    membership = _own_membership(request, membership_id)
    membership.leave()
    messages.info(request, f"You've left {membership.panel}. Thank you for everything you gave.")
    if not Membership.objects.current().filter(person=request.member).exists():
        return member_links.sign_out(redirect("panels:member_home"))
    return redirect("panels:member_home")


@require_POST
def sign_out(request):
    return member_links.sign_out(render(request, "panels/signed_out.html", {"signed_out": True}))
