"""Rows of a register checked as the web journey checks one document: each row's flat values
read by each question (`flat_answers`), then judged by the same step forms and messages.

A register knows some of a document's answers, not all: a school's export has the pupil's
name, date of birth and needs, never their views or this term's outcomes. So an answer the row
does not give is not an error: the document leaves a bracketed prompt where someone must still
write, as a blank template does. An answer the row does give must be right, and a row with any
answer wrong is not made: it is reported by row and column, with the form's own message.
"""

from dataclasses import dataclass, field

from service.answers import blank_answers, flat_answers, validate_answers
from service.fields import GroupField, ListField

NAME = "child_name"  # every document made in bulk is about one child, who must be named
STATUS = "sen_status"  # the census status, which chooses the pupils, asked or not
STATUSES = {"K": "SEN support (K)", "E": "EHC plan (E)", "N": "no SEN (N)"}
DEFAULT_STATUSES = ("K",)  # pupils with an EHC plan have one already; it is reviewed yearly


@dataclass
class Source:
    """One pupil's row: flat values from a register, or answers from a document the service
    made. `where` says where it came from in words ("Row 14"); `key` is that as the API names
    it ("row 14"); `columns` gives the heading a field came from, for messages."""

    where: str
    key: str
    flat: dict | None = None
    answers: dict | None = None
    columns: dict = field(default_factory=dict)
    names: tuple[str, str] | None = None  # (surname, forename) when the register gives them
    refusal: str | None = None  # why a document given could not be read at all


@dataclass(frozen=True)
class Problem:
    where: str
    key: str
    field: str
    column: str  # the heading the user knows the answer by
    message: str

    def __str__(self):
        return f"{self.where}, {self.column}: {self.message}"


@dataclass
class Prepared:
    """A row that makes a document: `given` the answers it gave, as the forms cleaned them
    (what the document carries, to be read back next term); `answers` those with bracketed
    prompts for everything else (what the document shows)."""

    source: Source
    given: dict
    answers: dict

    @property
    def pupil(self):
        return self.given.get(NAME, "")


@dataclass(frozen=True)
class Skipped:
    source: Source
    pupil: str
    reason: str


@dataclass
class Batch:
    document: object
    ready: list
    problems: list
    skipped: list
    refused: list  # sources with a problem, in order
    sources: list  # every source, in the order given

    def errors_by_row(self):
        """{"row 14": {"child_dob": ["message", ...]}}: the API's 422 body."""
        errors = {}
        for problem in self.problems:
            errors.setdefault(problem.key, {}).setdefault(problem.field, []).append(problem.message)
        return errors


def unknown_columns(document, keys):
    """The flat keys (column headings in field names) that name no question of `document`,
    or no part of one (`outcomes.1.bogus`)."""
    known = flat_parts(document)
    unknown = []
    for key in keys:
        head, dot, tail = key.partition(".")
        if head == STATUS or (head in known and _known_tail(known[head], dot, tail)):
            continue
        unknown.append(key)
    return unknown


def flat_parts(document):
    """{field name: None for a single answer, or the set of subfields of a list's items,
    with the parts only a register gives (`bulk_extras`)}."""
    parts = {}
    for name, answer in document.question_fields.items():
        subfields = None
        if isinstance(answer, ListField):
            subfields = set(document.bulk_extras.get(name, ()))
            if isinstance(answer.prototype, GroupField):
                subfields |= {part["name"] for part in answer.prototype.describe_fields()}
        parts[name] = subfields
    return parts


def _known_tail(subfields, dot, tail):
    if not dot:
        return True
    if subfields is None:
        return False
    number, _, sub = tail.partition(".")
    if not number.isdigit():
        return False
    return sub in subfields if subfields else not sub


def prepare(document, sources, *, statuses=DEFAULT_STATUSES):
    """Check every source; a Batch of what can be made, what is wrong and what was left out
    (by SEN status: `statuses` are the census codes to include, or None for every pupil)."""
    batch = Batch(document, [], [], [], [], [])
    prompts = blank_answers(document)
    asks_status = STATUS in document.question_names
    for source in sources:
        batch.sources.append(source)
        if source.refusal:
            batch.refused.append(source)
            batch.problems.append(Problem(source.where, source.key, "file", "file", source.refusal))
            continue
        if source.answers is not None:
            answers, errors = dict(source.answers), {}
        else:
            flat = dict(source.flat)
            given_status = (flat.get(STATUS) or "").strip()
            if statuses and given_status and given_status.upper() not in statuses:
                reason = _left_out(given_status, statuses)
                batch.skipped.append(Skipped(source, _pupil(flat), reason))
                continue
            if not asks_status:
                flat.pop(STATUS, None)
            flat, errors = _document_flat(document, flat)
            answers, unreadable = flat_answers(document, flat)
            errors = {**unreadable, **errors}
        validated = validate_answers(
            document,
            {k: v for k, v in answers.items() if k not in errors},
            answered_only=True,
            always=(NAME,),
        )
        given, shown = validated.answers, {**prompts, **validated.answers}
        if source.answers is not None:
            # Carried from last term's document: what the new one still needs (a rating for
            # each outcome carried) is left to write in, as on the web, not refused.
            unfinished = {name: answers[name] for name in validated.errors if name in answers}
            given = {**given, **unfinished}
            shown.update({name: _with_prompts(value, prompts.get(name))
                          for name, value in unfinished.items()})  # fmt: skip
        else:
            # A list whose own column was refused (provision.2.minutes) would only repeat it.
            refused_lists = {name.partition(".")[0] for name in errors if "." in name}
            for name, messages in validated.errors.items():
                if name in refused_lists:
                    continue
                if name in answers or (name == NAME and name in document.question_names):
                    errors.setdefault(name, messages)
        if errors:
            batch.refused.append(source)
            batch.problems.extend(_problems(source, errors))
            continue
        batch.ready.append(Prepared(source, given, shown))
    return batch


def _with_prompts(value, prompt):
    """A carried answer the new document's forms do not yet accept, shown with prompts for
    its gaps: each item of a list keeps what it has and prompts for the rest."""
    if isinstance(value, list) and isinstance(prompt, list) and prompt:
        blank = prompt[0]
        if isinstance(blank, dict):
            return [{**blank, **_filled(item)} if isinstance(item, dict) else item
                    for item in value]  # fmt: skip
        return value
    return value if value not in (None, "") else prompt


def _filled(item):
    return {key: value for key, value in item.items() if value not in (None, "")}


def _document_flat(document, flat):
    """The row as the document's questions read it, by its `bulk_flat` hook (which reads
    values only a register gives, such as minutes and hourly cost) and the hook's errors."""
    if document.bulk_flat is None:
        return flat, {}
    result = document.bulk_flat(flat)
    return result if isinstance(result, tuple) else (result, {})


def _pupil(flat):
    return (flat.get(NAME) or "").strip()


def _left_out(status, statuses):
    chosen = " and ".join(STATUSES.get(code, code) for code in statuses)
    return f"SEN status is {STATUSES.get(status.upper(), repr(status))}; only {chosen} was chosen"


def _problems(source, errors):
    for name, messages in errors.items():
        column = source.columns.get(name) or source.columns.get(name.partition(".")[0]) or name
        for message in messages:
            yield Problem(source.where, source.key, name, column, message)
