"""Steps several documents ask, declared once: the writer, the child, the school, the council
and sending. A document passes in its own wording where it differs; nothing is copied.
"""

import datetime
import functools
import json
import re
from pathlib import Path

from forms import law
from forms import vocabulary as v
from forms.formatting import cites
from forms.vocabulary import PARENT, By, voiced
from service import dates
from service.fields import ListField, TextField
from service.steps import make_step

SCHOOL_WRITER_ONLY = By(parent=False, young_person=False, school=True)
EXAMPLES = Path(__file__).resolve().parent / "examples"


# The day the examples' dates were written for. Read on another day, every date moves by the
# same whole number of weeks (so weekdays stay; rounded up, so a letter sent "today" is not
# sent in the past; a working day that lands on a bank holiday goes on to the next working
# day), and a date of birth by whole school years (so the year group stays right): an example
# written today still reads true next year.
EXAMPLES_WRITTEN = datetime.date(2026, 12, 1)
# Dates tied to the school year rather than to events: they move by whole years.
_SCHOOL_YEAR_DATES = frozenset({"child_dob", "records_from"})
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def example_answers(slug, on=None):
    """A document's example answers, as the JSON the API takes (forms/examples/<slug>.json),
    with their dates moved to read true `on` a day (today by default). Realistic; used by
    tests, the API and the README."""
    on = on or dates.today()
    weeks = -((EXAMPLES_WRITTEN - on).days // 7)  # rounded up: "today" is never yesterday
    years = _school_year(on) - _school_year(EXAMPLES_WRITTEN)
    return _moved(_written_examples(slug), datetime.timedelta(weeks=weeks), years)


def dated_example(slug):
    """The example for a DocumentType: worked out afresh each time it is read."""
    return functools.partial(example_answers, slug)


@functools.cache
def _written_examples_text(slug):
    return (EXAMPLES / f"{slug}.json").read_text(encoding="utf-8")


def _written_examples(slug):
    return json.loads(_written_examples_text(slug))


def _school_year(day):
    return day.year if day.month >= 9 else day.year - 1


def _moved(value, by, years, key=None):
    if isinstance(value, dict):
        return {name: _moved(item, by, years, name) for name, item in value.items()}
    if isinstance(value, list):
        return [_moved(item, by, years, key) for item in value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        day = datetime.date.fromisoformat(value)
        if key in _SCHOOL_YEAR_DATES:
            year = day.year + years
            day = day.replace(year=year, day=min(day.day, 28 if day.month == 2 else day.day))
        elif by:
            # A working day stays one: a Wednesday moved by whole weeks can land on Christmas
            # Day, and a meeting or a sending date on a bank holiday is not a real one.
            moved = day + by
            if dates.is_working_day(day) and not dates.is_working_day(moved):
                moved = dates.working_day_on_or_after(moved)
            day = moved
        return day.isoformat()
    return value


def _changes(option):
    """A step option is True (the shared question as it is), False (not asked) or the
    changes a document makes to the shared question."""
    return option if isinstance(option, dict) else {}


def when(name, *values):
    """A condition on an earlier answer, for `show_if`: it is one of `values`."""
    return lambda answers: answers.get(name) in values


def includes(name, value):
    """A condition on an earlier answer, for `show_if`: the list it is includes `value`."""
    return lambda answers: value in (answers.get(name) or [])


def child_step(voice=PARENT, *, dob=True, year_group=True, slug="child", title=None, **extra):
    """About the child: their names, date of birth and year group, in the writer's voice,
    then any `extra` questions."""
    fields = {"child_name": v.child_name(voice), "child_known_as": v.child_known_as(voice)}
    if dob:
        fields["child_dob"] = v.child_dob(voice, **_changes(dob))
    if year_group:
        fields["year_group"] = v.year_group(voice, **_changes(year_group))
    title = title or By(
        parent="About your child", young_person="About you", school="About the pupil"
    )
    return make_step(slug, voiced(voice, title), **fields, **extra)


def writer_step(voice=PARENT, *, relationship=None, school_writes=False, **extra):
    """The writer's details for the letter's heading and sign-off. A school writes from the
    school's address, with its job title; `relationship` names the document for the hint of
    the relationship question, when it is asked."""
    fields = {"writer_name": v.writer_name(voice)}
    if relationship:
        fields["writer_relationship"] = v.writer_relationship(voice, relationship)
    if school_writes:
        fields["writer_role"] = TextField(
            "Your job title",
            "Enter your job title",
            hint="For example, SENCO (special educational needs co-ordinator) or Head Teacher",
            prompt="job title",
            max_length=100,
            asked=voiced(voice, SCHOOL_WRITER_ONLY),
        )
        fields["school_address"] = v.school_address(
            voice,
            label="School address",
            required="Enter the school's address",
            asked=SCHOOL_WRITER_ONLY,
        )
    fields |= {
        "writer_address": v.writer_address(voice),
        "writer_email": v.writer_email(),
        "writer_phone": v.writer_phone(),
    }
    title = By(parent="Your details", young_person="Your contact details",
               school="Your details and the school's")  # fmt: skip
    return make_step("you", voiced(voice, title), **fields, **extra)


def school_step(*, title="About the school", school_type=False, show_if=None, **extra):
    """The school: its name and address, and its type if `school_type` gives the hint."""
    fields = {"school_name": v.school_name(), "school_address": v.school_address()}
    if school_type:
        fields["school_type"] = v.school_type(**_changes(school_type))
    return make_step("school", title, show_if=show_if, **fields, **extra)


def council_step(*, hint, officer, team=None, address=None, **extra):
    """The council the letter goes to: its name, the team and the person dealing with it,
    and its address. `officer` (and `team`, if asked) give the document's own labels;
    `address`, changes to the shared address question."""
    fields = {"la_name": v.la_name()}
    if team:
        fields["la_team"] = TextField(**{"prompt": "team", **team})
    fields["la_officer"] = TextField(**{"prompt": "name", **officer})
    fields["la_address"] = v.la_address(**(address or {}))
    return make_step("council", "The local council", hint=hint, **fields, **extra)


def enclosures_step(thing, *, hint):
    """The documents sent with the letter, one to a box, each with its date if it has one."""
    return make_step(
        "enclosures",
        "Documents you are sending",
        enclosures=ListField(
            TextField("Document", prompt="a document, with its date", max_length=300),
            f"Which documents are you sending with the {thing}? (optional)",
            hint=hint,
            item_name="document",
        ),
    )


def sending_steps(thing, *, hint):
    """When and how a letter the service writes will be sent, then whether after 5pm: the
    day it counts as received starts the time limits it gives."""
    sending = make_step(
        "sending",
        f"Sending the {thing}",
        hint=hint,
        sent_on=v.sent_on_future(thing),
        sent_by=v.sent_by(thing),
    )
    after_5pm = make_step(
        "after-5pm",
        "The time you send it",
        show_if=when("sent_by", "email", "hand"),
        sent_after_5pm=v.sent_after_5pm(),
    )
    return sending, after_5pm


# --- Legal sentences more than one document states ---------------------------------------


def educational_record_right():
    """The parent's right to see a maintained school's educational record, as letters say it."""
    return (
        f"{cites('pupil-info-reg5')} a maintained school must let a parent see their child's "
        f"educational record free of charge {law.educational_record_limit_text()} of a written "
        "request."
    )


def educational_record_copy_right():
    """The parent's right to a copy of a maintained school's educational record, said as the
    register's summary of regulation 5 says it (secondary source: no further). It follows
    educational_record_right(), which gives the right to see the record."""
    return (
        "The same regulation says a maintained school must also give a copy of the record "
        f"{law.educational_record_limit_text()} of a written request for one, charging no more "
        "than the cost of supplying it."
    )


def subject_access_request(of_child):
    """'a subject access request under Article 15 of the UK GDPR, made on Amara's behalf'."""
    return f"a subject access request under {law.cite('gdpr-art15')}, made on {of_child} behalf"


def meet_parents():
    return f"{cites('code-6.65')} schools should meet parents at least three times a year."


# Said after the reasons where all three limits are cited: regulation 5(4), on the 6 weeks,
# names schools and colleges only; 10(4), which 13(3) borrows, adds early years settings.
EARLY_YEARS_ONLY_LATER = (
    "The closure of an early years setting counts only for the 16-week and 20-week time limits."
)


def ehc_exception_reasons(affected, away, asker="you", *, early_years=True):
    """The reasons that lift an EHC time limit (regulations 5(4), 10(4) and 13(3)), in plain
    words, without final punctuation: `affected` names who the circumstances affected ("Amara
    or me"), `away` starts the last one ("we have"), `asker` is who asked for advice. An early
    years setting's closure lifts only the 16- and 20-week limits (10(4)(b), which 13(3)
    borrows); 5(4) names schools and colleges alone, so the 6-week limit alone passes
    early_years=False."""
    settings = "a school, college or early years setting" if early_years else "a school or college"
    return [
        f"{asker} asked {settings} for advice at any time from one week before it closed for a "
        "continuous period of 4 weeks or more (such as for the summer holidays) until one week "
        "before it reopened",
        f"exceptional personal circumstances affected {affected}",
        f"{away} been away from the area for a continuous period of 4 weeks or more",
    ]
