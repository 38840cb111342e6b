"""Staff screens for texts: a person's conversation, the needs-attention queue, the simulator
and feedback prompts. Each is thin: check access, call one function, render."""

from django.contrib import messages
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import FormView, TemplateView

from coproduce.models import Person
from coproduce.phones import InvalidPhoneNumber, normalise_phone, phone_hash
from coproduce.views import AdminPageMixin, ScopedInspectView

from .forms import FeedbackPromptForm, SimulatorForm
from .models import Attention, Message
from .outbound import PromptedRecently, queue_feedback_prompt
from .simulator import DEFAULT_SIMULATOR_NUMBER, simulate_inbound
from .texts import render_text


class ConversationView(PermissionRequiredMixin, AdminPageMixin, TemplateView):
    """Every text to and from one person, oldest first, like a phone shows it."""

    permission_required = "sms.view_message"
    template_name = "sms/admin/conversation.html"
    header_icon = "mail"

    def get_person(self) -> Person:
        # Another area's person is a 404, however the URL was found.
        return get_object_or_404(Person.objects.for_user(self.request.user), pk=self.kwargs["pk"])

    def get_page_title(self):
        return f"Texts with {self.person}"

    def get(self, request, *args, **kwargs):
        self.person = self.get_person()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        thread = (
            Message.objects.filter(person=self.person)
            .select_related("in_reply_to")
            .prefetch_related("attention")
            .order_by("created_at", "pk")
        )
        return super().get_context_data(person=self.person, thread=thread, **kwargs)


class ResolveAttentionView(PermissionRequiredMixin, View):
    permission_required = "sms.change_attention"

    def post(self, request, pk):
        item = get_object_or_404(Attention.objects.for_user(request.user).open(), pk=pk)
        item.resolve(by=request.user, note=request.POST.get("note", "")[:300])
        messages.success(request, f"Marked as dealt with: {item.get_reason_display()}.")
        return redirect(request.POST.get("next") or reverse("sms_attention:index"))


class SimulatorView(PermissionRequiredMixin, AdminPageMixin, FormView):
    permission_required = "sms.use_simulator"
    template_name = "sms/admin/simulator.html"
    form_class = SimulatorForm
    page_title = "SMS simulator"
    header_icon = "mobile-alt"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        simulate_inbound(
            area=form.cleaned_data["area"],
            sender=form.cleaned_data["sender"],
            body=form.cleaned_data["body"],
            host=self.request.get_host(),
            secure=self.request.is_secure(),
        )
        # Keep the number and area; clear the text box for the next message.
        form = self.get_form_class()(
            initial={"area": form.cleaned_data["area"], "sender": form.cleaned_data["sender"]},
            user=self.request.user,
        )
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        sender = context["form"]["sender"].value() or DEFAULT_SIMULATOR_NUMBER
        try:
            thread = Message.objects.for_user(self.request.user).filter(
                phone_hash=phone_hash(normalise_phone(sender))
            )
        except InvalidPhoneNumber:
            thread = Message.objects.none()
        context["thread"] = thread.order_by("created_at", "pk")[:200]
        return context


class FeedbackPromptView(PermissionRequiredMixin, AdminPageMixin, FormView):
    permission_required = "sms.send_prompt"
    template_name = "sms/admin/prompt.html"
    form_class = FeedbackPromptForm
    page_title = "Ask for feedback by text"
    header_icon = "mail"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        example = render_text("prompt", service="Hope House")
        return super().get_context_data(example=example, **kwargs)

    def form_valid(self, form):
        service = form.cleaned_data["service"]
        body = render_text("prompt", area=service.area, service=service.name)
        queued, held, skipped = 0, 0, []
        for person in form.cleaned_data["people"]:
            try:
                message = queue_feedback_prompt(person=person, service=service, body=body)
            except PromptedRecently:
                skipped.append(str(person))
                continue
            if message.status == Message.Status.HELD:
                held += 1
            else:
                queued += 1
        summary = f"{queued} text(s) on the way."
        if held:
            summary += f" {held} will go at 9am (quiet hours)."
        if skipped:
            summary += f" Not sent to {', '.join(skipped)}: asked in the last week already."
        messages.success(self.request, summary)
        return redirect(reverse("sms_prompt"))


class AttentionInspectView(ScopedInspectView):
    """One needs-attention item: the text, a link to the whole conversation, and "dealt with"."""

    template_name = "sms/admin/attention_inspect.html"
    fields = ["created_at", "reason", "detail", "resolved_at", "resolved_by", "resolution_note"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["item"] = self.object
        context["can_resolve"] = self.object.resolved_at is None and self.request.user.has_perm(
            "sms.change_attention"
        )
        return context
