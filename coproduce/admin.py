from django.contrib import admin
from django_otp.admin import OTPAdminSite

# Django's own admin (kept for superusers: task results, OTP devices) asks for a second factor
# at login and refuses any session that hasn't given one.
admin.site.__class__ = OTPAdminSite
