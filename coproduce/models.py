"""The shared core domain: areas, staff users, people, consent, services and themes."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.text import slugify

from . import area_setup
from .fields import EncryptedPhoneField, EncryptedTextField, PhoneHashField
from .phones import normalise_phone, phone_hash


class Area(models.Model):
    """A local partnership, e.g. "Riverside". Almost everything belongs to one."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    sms_number = models.CharField(
        "SMS number",
        max_length=20,
        blank=True,
        db_index=True,
        help_text="The Twilio number people text in this area, e.g. +447700900000.",
    )
    is_active = models.BooleanField(default=True)
    # Renewed whenever the area's services or text wording change (see area_setup).
    setup_stamp = models.CharField(max_length=32, default=area_setup.new_stamp, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AppendOnly:
    """A model whose rows are written once and never edited (money owed, dated histories):
    the guard is in save() because every path saves through it."""

    never_edited = "These records are never edited."

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise ValueError(self.never_edited)
        super().save(*args, **kwargs)


class AreaThrough:
    """A model that belongs to an area through another row: ``area_through`` names the
    path, e.g. ("session", "panel") for a row whose session's panel has the area."""

    area_through: tuple[str, ...] = ()

    @property
    def area_id(self) -> int | None:
        row = self
        for name in self.area_through:
            if getattr(row, f"{name}_id") is None:
                return None
            row = getattr(row, name)
        return row.area_id


class AreaScopedQuerySet(models.QuerySet):
    def for_user(self, user) -> "AreaScopedQuerySet":
        """Rows in the areas ``user`` may see (all of them for national users)."""
        if user.is_anonymous or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self.all()
        area_lookup = "__".join((*getattr(self.model, "area_through", ()), "area"))
        return self.filter(**{f"{area_lookup}__in": user.areas.all()})


class User(AbstractUser):
    """A staff member. Cohort members and EbEs are Person records and never log in."""

    areas = models.ManyToManyField(
        Area,
        blank=True,
        related_name="staff",
        help_text="The areas this person works in. They see only these areas' data.",
    )
    is_national = models.BooleanField(
        "national role",
        default=False,
        help_text="Sees every area, e.g. for national reporting.",
    )

    is_on_call = models.BooleanField(
        "on call",
        default=False,
        help_text="Gets an alert by text and email when a message suggests someone is at risk.",
    )
    on_call_phone = EncryptedTextField(
        "on-call phone", blank=True, help_text="Mobile for urgent alerts. Stored encrypted."
    )

    @property
    def sees_all_areas(self) -> bool:
        return self.is_superuser or self.is_national

    def visible_areas(self) -> models.QuerySet[Area]:
        if self.sees_all_areas:
            return Area.objects.all()
        return self.areas.all()


class PersonQuerySet(AreaScopedQuerySet):
    def by_phone(self, raw_number: str) -> "PersonQuerySet":
        """People with this number, found by keyed hash in one indexed query."""
        return self.filter(phone_hash=phone_hash(normalise_phone(raw_number)))

    def contactable_by_sms(self) -> "PersonQuerySet":
        return self.filter(opted_out_at__isnull=True).exclude(phone_hash="")

    def with_consents(self, *kinds: str) -> "PersonQuerySet":
        """Each person's latest decision of these kinds, loaded in this query so has_consent
        asks the database nothing more. Raw SQL: the ORM subquery cost more to build, for
        every text, than the query it saves. For a Person query that isn't itself a subquery.
        """
        people, consents = Person._meta.db_table, Consent._meta.db_table
        latest = (
            f"SELECT given FROM {consents} WHERE person_id = {people}.id AND kind = %s "  # noqa: S608 - our tables; kind is a parameter
            "ORDER BY recorded_at DESC, id DESC LIMIT 1"
        )
        return self.annotate(
            **{
                _consent_attname(kind): RawSQL(  # noqa: S611 - see above
                    latest, (kind,), output_field=models.BooleanField(null=True)
                )
                for kind in kinds
            }
        )


def _consent_attname(kind: str) -> str:
    return f"latest_consent_{kind}"


_NOT_LOADED = object()


class Person(models.Model):
    """A cohort member and/or expert by experience (EbE).

    Many people give a first name, a nickname or nothing at all: ``display_name`` is optional.
    The phone number is encrypted at rest and looked up by ``phone_hash``.
    """

    class Contact(models.TextChoices):
        SMS = "sms", "Text message"
        CALL = "call", "Phone call"
        EMAIL = "email", "Email"
        KEY_WORKER = "key_worker", "Through their key worker"
        NONE = "none", "Do not contact"

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="people")
    display_name = models.CharField(
        "name or alias",
        max_length=100,
        blank=True,
        help_text="What they like to be called. A first name or nickname is fine.",
    )
    is_cohort_member = models.BooleanField("cohort member", default=True)
    is_expert_by_experience = models.BooleanField("expert by experience", default=False)
    phone = EncryptedPhoneField(blank=True, help_text="Stored encrypted.")
    phone_hash = PhoneHashField(source="phone")
    email = EncryptedTextField(blank=True, help_text="Stored encrypted.")
    preferred_contact = models.CharField(
        max_length=20, choices=Contact.choices, default=Contact.SMS
    )
    language = models.CharField(
        max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    opted_out_at = models.DateTimeField(
        null=True, blank=True, help_text="Set when they ask for no more messages."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "people"
        ordering = ["display_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "phone_hash"],
                condition=~Q(phone_hash=""),
                name="person_unique_phone_per_area",
                violation_error_message="Someone in this area already has that phone number.",
            ),
        ]
        permissions = [("view_phone_number", "Can see people's phone numbers")]

    def __str__(self) -> str:
        if self.display_name:
            return self.display_name
        return f"Person #{self.pk}" if self.pk else "New person"

    def clean(self) -> None:
        # The hash must be current before unique constraints are validated.
        self._meta.get_field("phone_hash").refresh(self)

    @property
    def is_opted_out(self) -> bool:
        return self.opted_out_at is not None

    def opt_out(self, *, at=None) -> None:
        self.opted_out_at = at or timezone.now()
        self.save(update_fields=["opted_out_at", "updated_at"])

    def opt_in(self) -> None:
        self.opted_out_at = None
        self.save(update_fields=["opted_out_at", "updated_at"])

    def has_consent(self, kind: str) -> bool:
        """Whether their latest decision of this kind was yes (no decision is no)."""
        loaded = self.__dict__.get(_consent_attname(kind), _NOT_LOADED)
        if loaded is not _NOT_LOADED:  # by PersonQuerySet.with_consents
            return bool(loaded)
        decisions = Consent.objects.filter(person_id=self.pk, kind=kind)
        latest = decisions.order_by("-recorded_at", "-pk").values_list("given", flat=True)
        return bool(latest.first())


class Consent(models.Model):
    """One consent decision. Never edited: a later record supersedes an earlier one."""

    class Kind(models.TextChoices):
        SMS_CONTACT = "sms_contact", "Contact by text message"
        QUOTE_WORDS = "quote_words", "Use their words as anonymous quotes"

    class Channel(models.TextChoices):
        SMS = "sms", "Text message"
        WEB = "web", "Web page"
        IN_PERSON = "in_person", "In person"
        STAFF = "staff", "Recorded by staff"

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    given = models.BooleanField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {'yes' if self.given else 'no'}"


sms_code_validator = RegexValidator(
    r"^[A-Z0-9]{2,12}$", "Use 2 to 12 capital letters or digits, no spaces (e.g. HOSTEL)."
)


class ServiceQuerySet(AreaScopedQuerySet):
    def active(self) -> "ServiceQuerySet":
        return self.filter(is_active=True)


class Service(models.Model):
    """An agency or team that feedback can be about (hostel, GP practice, probation...)."""

    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="services")
    name = models.CharField(max_length=150)
    code = models.CharField(
        "SMS code",
        max_length=12,
        validators=[sms_code_validator],
        help_text="A short word people can text, e.g. HOSTEL.",
    )
    aliases = models.TextField(
        blank=True,
        help_text="Other names people use for it, one per line (e.g. 'the Sally Army').",
    )
    description = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)

    objects = ServiceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"],
                name="service_unique_code_per_area",
                violation_error_message="Another service in this area uses that SMS code.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.code = (self.code or "").strip().upper()

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.aliases.splitlines() if line.strip()]


class ThemeQuerySet(models.QuerySet):
    def for_user(self, user) -> "ThemeQuerySet":
        """Shared themes plus the ones added by the areas ``user`` may see."""
        if user.is_anonymous or not user.is_active:
            return self.none()
        if user.sees_all_areas:
            return self.all()
        return self.filter(Q(area__isnull=True) | Q(area__in=user.areas.all()))

    def for_area(self, area: Area) -> "ThemeQuerySet":
        return self.filter(Q(area__isnull=True) | Q(area=area))


class Theme(models.Model):
    """What feedback is about. Shared by all areas so national views compare like with like;
    an area may add its own."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100)
    description = models.TextField(blank=True)
    area = models.ForeignKey(
        Area,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="themes",
        help_text="Leave empty for a theme every area shares.",
    )
    is_active = models.BooleanField(default=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"],
                condition=Q(area__isnull=True),
                name="theme_unique_shared_slug",
                violation_error_message="A shared theme with that name already exists.",
            ),
            models.UniqueConstraint(
                fields=["area", "slug"],
                name="theme_unique_slug_per_area",
                violation_error_message="This area already has a theme with that name.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.slug and self.name:
            self.slug = slugify(self.name)
