from django.db import models

from .phones import decrypt_text, encrypt_text, normalise_phone, phone_hash


class EncryptedTextField(models.TextField):
    """A text column stored as a Fernet token; Python code only ever sees clear text.

    It can't be filtered on (each token differs); pair it with a keyed-hash column for lookups.
    """

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt_text(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt_text(value)


class EncryptedPhoneField(EncryptedTextField):
    """An encrypted phone number, normalised to E.164 when the model is cleaned."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return value
        return normalise_phone(value)


class PhoneHashField(models.CharField):
    """Keyed hash of another field's E.164 phone number, recomputed whenever the row is saved.

    Computing it at save time keeps the hash and the encrypted number from drifting apart.
    """

    def __init__(self, *args, source: str = "phone", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def refresh(self, model_instance) -> str:
        """Set and return the hash for the instance's current number ("" when it has none)."""
        number = getattr(model_instance, self.source) or ""
        value = phone_hash(number) if number else ""
        setattr(model_instance, self.attname, value)
        return value

    def pre_save(self, model_instance, add):
        return self.refresh(model_instance)
