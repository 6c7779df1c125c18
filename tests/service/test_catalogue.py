"""Document types check themselves when declared and say who they are for and how long they
take; the catalogue lists each once, in the start page's sections."""

import pytest

from service.catalogue import (
    LIST_ENTRIES,
    SHORT_ANSWER_SECONDS,
    WRITTEN_ANSWER_SECONDS,
    Catalogue,
)
from service.fields import GroupField, ListField, LongTextField, TextField
from service.steps import StepForm, make_step
from tests.service.steps_for_tests import First, More, make


def test_document_types_refuse_duplicate_names_and_unknown_audiences():
    class Clash(StepForm):
        slug = "clash"
        title = "Clash"
        name = TextField("Name again")

    with pytest.raises(ValueError, match="field names must be unique"):
        make(steps=(First, Clash))
    with pytest.raises(ValueError, match="step slugs must be unique"):
        make(steps=(First, First))
    with pytest.raises(ValueError, match="unknown audience"):
        make(audience=("aliens",))


def test_a_field_may_not_hide_what_the_step_form_uses():
    clash = make_step("clash", "Clash", data=TextField("Data"), earlier=TextField("Earlier"))
    with pytest.raises(ValueError, match=r"\['data', 'earlier'\] clash"):
        make(steps=(First, clash))


def test_question_names_are_read_in_page_order_without_binding_a_form():
    assert make().answer_names == {First: ("name", "wants_more"), More: ("items",)}


def test_question_fields_are_each_question_s_field_in_page_order(app):
    document = make()
    fields = document.question_fields
    assert list(fields) == [name for names in document.answer_names.values() for name in names]
    assert all(field.short_name == name for name, field in fields.items())


def test_each_document_is_listed_once_in_the_first_section_for_its_readers(tmp_path):
    school = make("plan", audience=("school",))
    both = make("letter", audience=("parent", "school"))
    own = make("own", audience=("young-person",))
    catalogue = Catalogue([school, both, own], tmp_path)
    sections = [
        (section.key, [d.slug for d in listed], [d.slug for d in also])
        for section, listed, also in catalogue.sections()
    ]
    assert sections == [
        ("for-families", ["letter", "own"], []),
        ("for-schools", ["plan"], ["letter"]),  # the letter links back to where it is listed
    ]
    assert catalogue.template_path(school) == tmp_path / "x.docx"


def test_who_a_document_is_for_reads_as_a_list():
    assert make(audience=("school",)).for_whom == "school staff"
    assert make(audience=("parent", "young-person")).for_whom == (
        "parents and carers, and young people aged 16 to 25"
    )
    assert make(audience=("young-person", "school")).for_whom == (
        "young people aged 16 to 25 and school staff"
    )
    assert make(audience=("parent", "young-person", "school")).for_whom == (
        "parents and carers, young people aged 16 to 25, and school staff"
    )


def test_the_time_a_document_takes_is_worked_out_from_its_questions():
    def questions(kind, count):
        return {f"{kind.__name__}{n}": kind(f"Question {n}") for n in range(count)}

    short = make_step("short", "Short", **questions(TextField, 15))
    written = make_step("written", "Written", **questions(LongTextField, 10))
    seconds = 15 * SHORT_ANSWER_SECONDS + 10 * WRITTEN_ANSWER_SECONDS
    assert make(steps=(short, written)).minutes == 5 * round(seconds / 60 / 5)
    assert make(steps=(short,)).minutes < make(steps=(short, written)).minutes
    # However few the questions, it says at least five minutes.
    assert make().minutes == 5


def test_a_group_of_questions_in_a_list_counts_each_question_in_each_entry():
    group = make_step("pair", "Pair", left=TextField("Left"), right=LongTextField("Right"))
    listed = make_step("listed", "Listed", pairs=ListField(GroupField(group), "Pairs", "Add"))
    seconds = LIST_ENTRIES * (SHORT_ANSWER_SECONDS + WRITTEN_ANSWER_SECONDS)
    assert make(steps=(listed,)).minutes == 5 * round(seconds / 60 / 5)


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (1, "about 5 minutes"),
        (22, "about 20 minutes"),
        (23, "about 25 minutes"),
        (58, "about 1 hour"),
        (67, "about 1 hour"),
        (68, "about 1 hour 15 minutes"),
        (100, "about 1 hour 45 minutes"),
        (125, "about 2 hours"),
    ],
)
def test_times_are_rounded_as_an_estimate_should_be(minutes, text):
    # A document of short answers only, with enough of them to take `minutes`.
    count = round(minutes * 60 / SHORT_ANSWER_SECONDS)
    step = make_step("many", "Many", **{f"q{n}": TextField(f"Q{n}") for n in range(count)})
    assert make(steps=(step,)).time_text == text
