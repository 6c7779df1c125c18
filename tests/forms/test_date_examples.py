"""Every date question in every document gives one example date, the same in its hint and in
its message, whoever is writing."""

import re

from forms import CATALOGUE
from forms.vocabulary import PARENT, SCHOOL, YOUNG_PERSON
from service.fields import DateField, GroupField, ListField
from service.fields.date_input import PAST_EXAMPLE, example_text

DATE_AS_TYPED = re.compile(r"\b\d{1,2} \d{1,2} \d{4}\b")


def questions(fields):
    for field in fields:
        if isinstance(field, ListField):
            yield from questions([field.prototype])
        elif isinstance(field, GroupField):
            yield from questions(field.answer_fields())
        else:
            yield field


def date_questions():
    """(document slug, date question) for every date question, each on a form of its own:
    adapting a step's shared prototype would change it for everyone."""
    for document in CATALOGUE:
        for step in document.steps:
            form = step(formdata=None, meta={"csrf": False})
            for field in questions(form.answer_fields()):
                if isinstance(field, DateField):
                    yield document.slug, field


def test_a_date_question_has_one_example_in_its_hint_and_its_message():
    checked = 0
    for slug, field in date_questions():
        example = example_text(field.example)
        for writer in (PARENT, YOUNG_PERSON, SCHOOL):
            field.adapt({"writer": writer})
            where = f"{slug} {field.name} ({writer}): {field.description}"
            assert DATE_AS_TYPED.findall(field.description) == [example], where
            assert field.description.endswith(f"For example, {example}"), where
            assert field.invalid_message.endswith(f", like {example}"), where
        checked += 1
    assert checked > 20  # every document's dates were found, lists' too


def test_dates_in_the_past_share_the_date_of_birth_example():
    past = {field.short_name for _, field in date_questions() if field.example == PAST_EXAMPLE}
    assert {"child_dob", "sent_on", "date", "stage1_sent", "records_from"} <= past
    assert "plan_start" not in past  # a date to plan has one in the coming year
