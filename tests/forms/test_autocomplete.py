"""Browsers may fill in the user's own details, and nothing else (WCAG 1.3.5, GOV.UK patterns)."""

import re

import pytest

from forms import CATALOGUE
from forms.vocabulary import PARENT, SCHOOL, YOUNG_PERSON

# The questions about whoever is filling in the form, and the token for each.
OWN_DETAILS = {
    "writer_name": "name",
    "writer_address": "street-address",
    "writer_email": "email",
    "writer_phone": "tel",
}
YOUNG_PERSONS_NAME = ("child_name", "Your full name")
YOUNG_PERSONS_BIRTHDAY = ("child_dob", "Your date of birth")
BIRTHDAY_PARTS = ["bday-day", "bday-month", "bday-year"]
_AUTOCOMPLETE = re.compile(r'autocomplete="([^"]*)"')


def rendered_fields(app, document, writer):
    """(name, label, html) of every question a writer in this voice is asked (in documents
    whose voice follows the writer), as its page draws it."""
    earlier = {"writer": writer}
    with app.test_request_context():
        for step in document.steps:
            form = step(formdata=None, meta={"csrf": False}, earlier=earlier)
            for field in form.fields_asked():
                if field.type_name != "list":
                    yield field.short_name, field.label.text, str(field())


@pytest.mark.parametrize("document", CATALOGUE, ids=lambda document: document.slug)
@pytest.mark.parametrize("writer", [PARENT, YOUNG_PERSON, SCHOOL])
def test_only_the_users_own_details_can_be_filled_in(app, document, writer):
    for name, label, html in rendered_fields(app, document, writer):
        # The child's name is the user's own when a young person writes about themselves.
        own = OWN_DETAILS.get(name) or ("name" if (name, label) == YOUNG_PERSONS_NAME else None)
        expected = [own] if own else []
        if (name, label) == YOUNG_PERSONS_BIRTHDAY:  # and so is their date of birth
            expected = BIRTHDAY_PARTS
        assert _AUTOCOMPLETE.findall(html) == expected, name


def test_a_young_persons_own_name_can_be_filled_in(app):
    documents = [document for document in CATALOGUE if document.slug == "missed-deadline-letter"]
    asked = {
        (name, label)
        for name, label, _ in rendered_fields(app, documents[0], YOUNG_PERSON)
        if name == "child_name"
    }
    assert asked == {YOUNG_PERSONS_NAME}


def test_the_details_pages_ask_for_email_and_phone_with_their_keyboards(app):
    seen = set()
    for document in CATALOGUE:
        for name, _, html in rendered_fields(app, document, PARENT):
            if name == "writer_email":
                assert 'type="email"' in html
                assert 'spellcheck="false"' in html
            elif name == "writer_phone":
                assert 'type="tel"' in html
            seen.add(name)
    assert {"writer_name", "writer_address", "writer_email", "writer_phone"} <= seen


def test_a_young_persons_own_date_of_birth_can_be_filled_in(app):
    document = next(document for document in CATALOGUE if document.slug == "records-request")
    found = {
        name: _AUTOCOMPLETE.findall(html)
        for name, label, html in rendered_fields(app, document, YOUNG_PERSON)
        if (name, label) == YOUNG_PERSONS_BIRTHDAY
    }
    assert found == {"child_dob": BIRTHDAY_PARTS}
