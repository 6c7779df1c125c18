"""Answers that carry from one document to the next, and a new draft made from answers.

"Start another document about this child" fills in the facts about the case that the new
document asks: who is writing, the child, the school and the council. They have one name in
every document (docs/glossary.md), so they carry by name. Facts about one letter do not: its
date and how it is sent, who it is addressed to, what it asks for, its enclosures, and the
views or agreement given for one meeting or one request. A document that follows another
(its `follow_ons`, declared with the content) carries more: a plan's outcomes into its review,
a request's sending into the letter about its missed time limit.

A carried answer must be one the new document asks and would accept, judged as its pages judge
it, after the answers before it: anything else is left out, never changed to fit. The writer's
details carry only between documents the same kind of writer writes (a parent's letter never
gets a school's staff member as its writer). Nothing is made up: what the source does not say
is left for the user, who checks every carried answer on check your answers.
"""

from service.answers import checked_step_answers
from service.fields import GroupField, ListField
from service.steps import step_form

# Who is writing, and how to reach them: carried only between the same kind of writer.
WRITER_FACTS = (
    "writer",
    "writer_name",
    "writer_relationship",
    "writer_role",
    "writer_address",
    "writer_email",
    "writer_phone",
)
# The child, the school and the council: facts about the case, whoever writes.
CASE_FACTS = (
    "child_name",
    "child_known_as",
    "child_dob",
    "year_group",
    "professionals",  # who is involved with the child, diagnoses and waiting lists
    "need_communication",  # the child's needs in each broad area, with the evidence
    "need_cognition",
    "need_semh",
    "need_sensory",
    "school_name",
    "school_address",
    "school_type",
    "senco_name",
    "la_name",
    "la_address",
    "la_team",
    "la_officer",
)
SHARED_FACTS = WRITER_FACTS + CASE_FACTS

# A document with no `writer` question is written by its one audience.
_WRITER_BY_AUDIENCE = {"parent": "parent", "young-person": "young_person", "school": "school"}


def carried_answers(source, answers, target):
    """The answers object (API format) for `target` made from the validated `answers` of
    `source`: the shared facts `target` asks, and what a follow-on of `source` to `target` that
    these answers lead to carries, less anything `target` would refuse."""
    kind = writer_kind(source, answers)
    same_writer = kind is not None and kind in writer_kinds(target)
    names = SHARED_FACTS if same_writer else CASE_FACTS
    candidate = {name: answers[name] for name in names if name in answers}
    if same_writer:
        candidate["writer"] = kind  # a concern letter's writer is a parent, say
    for follow_on in source.follow_ons:
        if follow_on.target == target.slug and follow_on.applies(answers) and follow_on.carry:
            candidate.update(follow_on.carry(answers))
            break
    asked = {
        name: value
        for name, value in candidate.items()
        if name in target.question_names and _has_value(value)
    }
    return accepted(target, asked)


def writer_kind(document, answers):
    """Who wrote these answers: `parent`, `young_person` or `school`; None if not known."""
    if "writer" in document.question_names:
        return answers.get("writer")
    if len(document.audience) == 1:
        return _WRITER_BY_AUDIENCE.get(document.audience[0])
    return None


def writer_kinds(document):
    """The kinds of writer a document can be written by: its `writer` question's choices, or
    its one audience."""
    for step, names in document.answer_names.items():
        if "writer" in names:
            return frozenset(step.prototype()["writer"].choice_labels)
    kind = writer_kind(document, {})
    return frozenset() if kind is None else frozenset({kind})


def accepted(document, answers):
    """The answers `document` would accept, each judged by its step's form after the accepted
    answers before it, whether or not its step applies yet (it may, once the user answers):
    an answer refused, or not asked, is left out; in a list, an entry's refused answers are."""
    kept = {}
    for step, names in document.answer_names.items():
        given = {name: answers[name] for name in names if name in answers}
        if not given:
            continue
        form = step_form(step, _well_formed(step, given), earlier=dict(kept), csrf=False)
        form.validate()
        for name in given:
            field = form[name]
            value = _kept_value(field) if field.asked else None
            if _has_value(value):
                kept[name] = value
    return {name: kept[name] for name in answers if name in kept}


def _well_formed(step, given):
    """The answers of the right shape: one of the wrong shape cannot be posted to a form."""
    prototype = step.prototype()
    shaped = {}
    for name, value in given.items():
        try:
            prototype.formdata_for({name: value})
        except ValueError:  # AnswerTypeError
            continue
        shaped[name] = value
    return shaped


def _kept_value(field):
    """A field's answer without what its form refused: None for a refused answer; for a list,
    the entries (and in groups, the answers) it accepted."""
    if not isinstance(field, ListField):
        return None if field.errors else field.answer()
    if any(isinstance(error, str) for error in field.errors or []):
        return None  # about the whole list, such as too many entries
    kept = []
    for entry in field.entries:
        if isinstance(entry, GroupField):
            item = {
                question.short_name: question.answer()
                for question in entry.answer_fields()
                if question.has_value() and not question.errors
            }
            if item:
                kept.append(item)
        elif entry.has_value() and not entry.errors:
            kept.append(entry.answer())
    return kept


def _has_value(value):
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None and value not in ([], {})


def draft_steps(document, answers):
    """What a draft of `document` stores for an answers object, as (complete, prefill).

    `complete`: step slug -> the step's answers as the journey stores them, for each step that
    applies whose answers are given and valid, judged after the complete steps before it, as
    the journey judges them. `prefill`: step slug -> the answers given for each other step that
    has some, to show on its page for the user to finish. A step counts as given when any of
    its questions is a key of `answers`, even one answered with nothing: a whole document
    (every step complete) holds every question its steps asked, while carried answers hold
    only what carried, so a step none of whose answers carried is left for the user to see."""
    complete, prefill, earlier = {}, {}, {}
    for step in document.steps:
        names = document.field_names(step)
        given = {name: answers[name] for name in names if name in answers}
        if not given:
            continue
        cleaned = None
        if step.should_show(earlier):
            cleaned = checked_step_answers(step, given, dict(earlier))
        if cleaned is not None:
            complete[step.slug] = cleaned
            earlier.update(cleaned)
            continue
        shown = {name: value for name, value in given.items() if _has_value(value)}
        if shown:
            prefill[step.slug] = shown
    return complete, prefill
