import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from coproduce.models import Person
from coproduce.phones import InvalidPhoneNumber, mask_phone, normalise_phone, phone_hash
from tests.factories import AreaFactory, PersonFactory


@pytest.mark.parametrize(
    "raw",
    ["07700 900123", "07700900123", "+44 7700 900123", "+447700900123", " (07700) 900-123 "],
)
def test_uk_numbers_in_any_common_format_normalise_to_e164(raw):
    assert normalise_phone(raw) == "+447700900123"


@pytest.mark.parametrize("raw", ["", "   ", "hello", "123", "+44 7700 900123 4567 8901"])
def test_nonsense_numbers_are_refused_with_a_clear_message(raw):
    with pytest.raises(InvalidPhoneNumber) as error:
        normalise_phone(raw)
    assert error.value.messages[0].startswith(("Enter", "That"))


def test_phone_number_is_not_stored_in_clear(db):
    person = PersonFactory(phone="07700 900123")
    person.full_clean()
    person.save()
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone, phone_hash FROM coproduce_person WHERE id = %s", [person.pk])
        stored_phone, stored_hash = cursor.fetchone()
    for clear in ("7700900123", "07700 900123", "+447700900123"):
        assert clear not in stored_phone
        assert clear not in stored_hash
    assert stored_phone.startswith("gAAAA")  # a Fernet token
    assert stored_hash == phone_hash("+447700900123")


def test_phone_number_reads_back_in_clear(db):
    person = PersonFactory(phone="+447700900321")
    assert Person.objects.get(pk=person.pk).phone == "+447700900321"


def test_each_save_encrypts_afresh_so_ciphertext_reveals_nothing(db):
    first = PersonFactory(phone="+447700900111")
    second = PersonFactory(phone="+447700900111", area=AreaFactory())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT phone FROM coproduce_person WHERE id IN (%s, %s)", [first.pk, second.pk]
        )
        tokens = {row[0] for row in cursor.fetchall()}
    assert len(tokens) == 2


def test_lookup_by_phone_finds_the_person_in_one_query(db):
    person = PersonFactory(phone="+447700900555")
    PersonFactory(phone="+447700900556")
    with CaptureQueriesContext(connection) as queries:
        found = list(Person.objects.by_phone("07700 900555"))
    assert found == [person]
    assert len(queries) == 1
    assert "phone_hash" in queries[0]["sql"]


def test_phone_hash_column_is_indexed(db):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "coproduce_person")
    indexed = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]
    assert any(columns[0] == "phone_hash" for columns in indexed)


def test_full_clean_normalises_the_number(db):
    person = Person(area=AreaFactory(), phone="07700 900777")
    person.full_clean()
    assert person.phone == "+447700900777"


def test_full_clean_refuses_a_bad_number(db):
    person = Person(area=AreaFactory(), phone="not a number")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "phone" in error.value.message_dict


def test_same_number_twice_in_one_area_is_refused(db):
    area = AreaFactory()
    PersonFactory(area=area, phone="+447700900888")
    duplicate = Person(area=area, phone="07700900888")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already has that phone number" in str(error.value)


def test_person_without_a_phone_has_no_hash(db):
    person = PersonFactory(phone="")
    person.refresh_from_db()
    assert person.phone == ""
    assert person.phone_hash == ""


def test_changing_the_number_changes_the_hash(db):
    person = PersonFactory(phone="+447700900100")
    person.phone = "+447700900101"
    person.save()
    assert list(Person.objects.by_phone("+447700900101")) == [person]
    assert not Person.objects.by_phone("+447700900100").exists()


def test_mask_shows_only_the_last_three_digits():
    assert mask_phone("+447700900123") == "•••• •••123"
    assert mask_phone("") == ""


@given(st.integers(min_value=0, max_value=999))
def test_every_drama_range_number_round_trips(n):
    raw = f"07700 900{n:03d}"
    assert normalise_phone(raw) == f"+447700900{n:03d}"
    assert phone_hash(normalise_phone(raw)) == phone_hash(f"+447700900{n:03d}")
