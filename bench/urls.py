from django.http import HttpResponse, HttpResponseForbidden
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from sms.inbound import store_inbound
from sms.twilio_webhooks import signature_is_valid, twiml


@csrf_exempt
@require_POST
def floor(request):
    """Only the unavoidable work: check the signature, store the raw message, answer."""
    if not signature_is_valid(request):
        return HttpResponseForbidden()
    store_inbound(request.POST)
    return HttpResponse(twiml([]), content_type="text/xml; charset=utf-8")


urlpatterns = [path("bench/floor/", floor), path("", include("coproduce.urls"))]
