"""Settings shared by every environment. No secrets, keys or debug flags live here."""

from pathlib import Path

import dj_database_url

from .env import env, env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Set by production.py; seed_demo and demo_otp refuse to run when it is True.
IS_PRODUCTION = False

INSTALLED_APPS = [
    # Project apps, in dependency order: core <- sms <- panels <- surveys <- cms.
    "coproduce",
    "sms",
    "panels",
    "surveys",
    "cms",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "coproduce.apps.CoproduceUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Two factors
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # Tasks
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Marks request.user verified when the session holds a confirmed device...
    "django_otp.middleware.OTPMiddleware",
    # ...and this one enforces it on every staff URL.
    "coproduce.two_factor.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "coproduce.urls"
WSGI_APPLICATION = "coproduce.wsgi.application"
AUTH_USER_MODEL = "coproduce.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "coproduce" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # Parameters sent apart from the SQL, and a statement run five times on a connection is
    # prepared: PostgreSQL stops re-planning every query of every text (about a third of its
    # work on the SMS webhook). Set DATABASE_PREPARED_STATEMENTS=0 behind a proxy that pools
    # by transaction (PgBouncer before 1.21), where a prepared statement can't follow you.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [
    ("en-gb", "English"),
    ("cy", "Cymraeg (Welsh)"),
    ("pl", "Polski (Polish)"),
    ("ro", "Română (Romanian)"),
    ("pa", "ਪੰਜਾਬੀ (Punjabi)"),
    ("ur", "اردو (Urdu)"),
    ("ar", "العربية (Arabic)"),
    ("so", "Soomaali (Somali)"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

LOGIN_URL = "wagtailadmin_login"

# Wagtail
WAGTAIL_SITE_NAME = "Coproduce"
WAGTAILADMIN_BASE_URL = env("PUBLIC_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = True
# How many proxies of ours stand in front of the site (a load balancer: 1). The web feedback
# rate limit then takes the visitor's address from X-Forwarded-For, not the proxy's.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Feedback forms one visitor may send per window, so a flood can't bury real voices.
WEB_FEEDBACK_RATE_LIMIT = env_int("WEB_FEEDBACK_RATE_LIMIT", 10)
WEB_FEEDBACK_RATE_WINDOW_SECONDS = env_int("WEB_FEEDBACK_RATE_WINDOW_SECONDS", 60 * 60)
# No avatars from gravatar.com: staff pages fetch nothing from outside, and it would leak emails.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Two factors (django-otp). Wrong codes lock the device for 1, 2, 4, 8... seconds.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Coproduce")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Task queue (django-tasks). The database backend needs no extra service; production may
# switch to the Redis-backed RQ backend with TASK_BACKEND=rq.
TASK_BACKEND = env("TASK_BACKEND", "database")
if TASK_BACKEND == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": env("REDIS_URL", "redis://127.0.0.1:6379/0")}}
    # So a plain `manage.py rqworker default` runs django-tasks jobs and records their results.
    RQ = {"JOB_CLASS": "django_tasks_rq.backend.Job"}
    INSTALLED_APPS.append("django_rq")
elif TASK_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# SMS (issue 3 adds the backends): twilio, console or locmem, like EMAIL_BACKEND.
SMS_BACKEND = env("SMS_BACKEND", "console")
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER")
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL")
# Tests point the real twilio client at a local fake server with this.
TWILIO_API_BASE_URL = env("TWILIO_API_BASE_URL")
SMS_CONVERSATION_WINDOW_HOURS = env_int("SMS_CONVERSATION_WINDOW_HOURS", 6)
# Prompts, invitations and reminders wait for morning (Europe/London).
SMS_QUIET_HOURS_START = env("SMS_QUIET_HOURS_START", "21:00")
SMS_QUIET_HOURS_END = env("SMS_QUIET_HOURS_END", "09:00")
# At most one unprompted feedback invitation per person in this many days.
SMS_PROMPT_MIN_DAYS = env_int("SMS_PROMPT_MIN_DAYS", 7)
# Loop guard: never more than this many texts to one number in this many seconds.
SMS_LOOP_LIMIT = env_int("SMS_LOOP_LIMIT", 15)
SMS_LOOP_WINDOW_SECONDS = env_int("SMS_LOOP_WINDOW_SECONDS", 30)
SMS_SEND_MAX_ATTEMPTS = env_int("SMS_SEND_MAX_ATTEMPTS", 6)
# Extra words or phrases that suggest risk, added to the built-in list (comma-separated).
SMS_EXTRA_SAFEGUARDING_PHRASES = env_list("SMS_EXTRA_SAFEGUARDING_PHRASES")

# Phone numbers: Fernet keys (comma-separated, newest first, so keys can be rotated) and a
# separate key for the lookup hash. Dev/test settings supply throwaway keys.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS")
PHONE_HASH_KEY = env("PHONE_HASH_KEY")
PHONE_DEFAULT_REGION = env("PHONE_DEFAULT_REGION", "GB")

# Counts below this are hidden on dashboards.
SUPPRESSION_THRESHOLD = env_int("SUPPRESSION_THRESHOLD", 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Every URL under these prefixes needs a second factor (see coproduce/two_factor/middleware.py).
TWO_FACTOR_PROTECTED_PREFIXES = ["/admin/", "/django-admin/", "/dashboards/"]
# ...except the pages that get someone signed in or out.
TWO_FACTOR_EXEMPT_PREFIXES = [
    "/admin/login/",
    "/admin/logout/",
    "/django-admin/login/",
    "/django-admin/logout/",
]
OTP_LOGIN_URL = "/account/two-factor/verify/"
