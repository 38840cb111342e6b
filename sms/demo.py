"""Demo text set-up: each area's SMS number and an on-call coordinator for alerts."""

from django.core.management.base import OutputWrapper

from coproduce.demo import HILLFORD, RIVERSIDE, drama_number
from coproduce.models import Area, User

AREA_NUMBERS = {RIVERSIDE: drama_number(0), HILLFORD: drama_number(1)}
ON_CALL = {"coordinator": drama_number(10)}


def seed(*, stdout: OutputWrapper) -> None:
    for slug, number in AREA_NUMBERS.items():
        Area.objects.filter(slug=slug).exclude(sms_number=number).update(sms_number=number)
    for username, phone in ON_CALL.items():
        user = User.objects.get(username=username)
        if not user.is_on_call or user.on_call_phone != phone:
            user.is_on_call, user.on_call_phone = True, phone
            user.save(update_fields=["is_on_call", "on_call_phone"])
    stdout.write(f"SMS: Riverside texts {AREA_NUMBERS[RIVERSIDE]}; 'coordinator' is on call.")
