"""Staff screens for a session: invite members, keep the register, cancel it; and sending a
member the link to their page. Each checks access, calls one domain function, renders."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from coproduce.views import AdminPageMixin

from . import attendance, invitations, member_links, sessions
from .forms import RegisterForm, WalkInForm
from .models import Membership, Session
from .wording import short_when


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


class SessionActionView(PermissionRequiredMixin, AdminPageMixin, TemplateView):
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            # Another area's session is a 404, however the URL was found.
            self.session = get_object_or_404(
                Session.objects.for_user(request.user).select_related("panel"), pk=kwargs["pk"]
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.session, **kwargs)

    def back(self):
        return redirect(reverse("panel_sessions:index"))


class InviteView(SessionActionView):
    permission_required = "panels.invite_members"
    template_name = "panels/admin/invite.html"

    def get_page_title(self):
        return f"Invite members: {self.session}"

    def get_context_data(self, **kwargs):
        invited = self.session.invitations.select_related("person").order_by(
            "status", "person__display_name"
        )
        to_invite = self.session.panel.memberships.invitable().exclude(
            person_id__in=invited.values("person_id")
        )
        return super().get_context_data(invited=invited, to_invite=to_invite, **kwargs)

    def post(self, request, pk):
        try:
            created = invitations.invite_members(session=self.session)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect(request.path)
        messages.success(request, f"Invited {len(created)} member(s).")
        return redirect(request.path)


class CancelView(SessionActionView):
    permission_required = "panels.change_session"
    template_name = "panels/admin/cancel.html"

    def get_page_title(self):
        return f"Cancel {self.session}"

    def post(self, request, pk):
        try:
            texted = sessions.cancel_session(session=self.session)
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return self.back()
        messages.success(request, f"Cancelled. {texted} member(s) are being told by text.")
        return self.back()


class RegisterView(SessionActionView):
    """The register, built for a phone: one card per person, big tick boxes."""

    permission_required = "panels.record_attendance"
    template_name = "panels/admin/register.html"

    def get_page_title(self):
        return f"Register: {self.session.panel} {short_when(self.session.starts_at)}"

    def get_forms(self, data=None):
        people = attendance.register_people(self.session)
        existing = {record.person_id: record for record in self.session.attendances.all()}
        register = RegisterForm(data, people=people, existing=existing, prefix="register")
        walk_in = WalkInForm(
            data if data and "add_walk_in" in data else None,
            area=self.session.panel.area,
            prefix="walk_in",
        )
        return register, walk_in

    def get(self, request, *args, **kwargs):
        register, walk_in = self.get_forms()
        return self.render_to_response(self.get_context_data(form=register, walk_in=walk_in))

    def post(self, request, pk):
        register, walk_in = self.get_forms(request.POST)
        try:
            if "add_walk_in" in request.POST:
                if not walk_in.is_valid():
                    raise ValidationError("Choose who came.")
                attendance.add_walk_in(
                    session=self.session, person=walk_in.cleaned_data["person"], by=request.user
                )
                messages.success(request, "Added to the register.")
                return redirect(request.path)
            if not register.is_valid():
                raise ValidationError("Check the times: use hours and minutes, like 14:30.")
            created = attendance.record_attendance(
                session=self.session, lines=register.lines(), by=request.user
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return self.render_to_response(self.get_context_data(form=register, walk_in=walk_in))
        messages.success(request, f"Register saved. {len(created)} new payment(s) owed.")
        return redirect(request.path)


class SendMemberLinkView(PermissionRequiredMixin, AdminPageMixin, TemplateView):
    permission_required = "panels.change_membership"
    template_name = "panels/admin/send_link.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.membership = get_object_or_404(
                Membership.objects.for_user(request.user).select_related("person", "panel"),
                pk=kwargs["pk"],
            )
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"Send {self.membership.person} a link to their page"

    def get_context_data(self, **kwargs):
        return super().get_context_data(membership=self.membership, **kwargs)

    def post(self, request, pk):
        try:
            message = member_links.send_member_link(person=self.membership.person)
        except member_links.NotAMember:
            messages.error(request, "They are not a current member of a panel.")
            return redirect(request.path)
        if message.status == message.Status.CANCELLED:
            messages.error(request, f"Not sent: {message.error_message}")
        else:
            messages.success(request, "Link sent. It works once, for 3 days.")
        return redirect(reverse("panel_members:index"))
