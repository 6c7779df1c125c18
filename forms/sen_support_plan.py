"""A SENCO's SEN support plan for one pupil: the graduated approach's "plan" step.

Who the pupil is and their census codes, their strengths, what is known in each broad area of
need, the pupil's views and hopes (under one-page profile headings, in the first person) and
the family's, the baseline, SMART outcomes, the provision (costs optional, totalled, a row
without one marked as such), strategies for every adult (Code 6.49), what happens at home,
review dates and sign-off. The dates come before the outcomes, so that each outcome's date is
checked against the start. Schools should meet parents at least three times a year (Code
6.65), so the plan always lists three reviews: a typed one must be on a working day and no more
than 26 weeks after the date before it, and those left blank are suggested about a term apart,
moved out of the summer, Christmas and Easter holidays to the last days of term before them;
check your answers shows the suggestions.

The plan is for pupils on SEN support (census code K) only: a pupil with an EHC plan (E) has
their provision set out in that plan, so status E is refused with a message saying so. A
plan's format is not set in law, and not every pupil on SEN support has one; the law asks that
parents are told about the provision (s68: the plan says it is that notice) and that it is
recorded (Code 6.72). A pupil over compulsory school age (Year 12 and above, a sixth former,
or a pupil whose date of birth puts them there) is told themselves, and gets the first copy.
Every legal reference comes from the law register (forms/law.py).
"""

import datetime
import functools
import re

from markupsafe import Markup
from wtforms.validators import StopValidation

from forms import deadlines, provision_map, provision_time, reminders
from forms import vocabulary as v
from forms.common import child_step, dated_example, includes, meet_parents
from forms.follow_ons import follow_ons
from forms.formatting import (
    child_names,
    cites,
    file_name,
    is_blank,
    long_date,
    paragraphs,
    possessive,
    prompt,
    text,
    year_group_text,
)
from forms.plan_parts import (
    AREA_EXAMPLES,
    AREA_NAMES,
    AREAS,
    NEED_LABELS,
    SEN_STATUSES,
    NeedsStep,
    OutcomeForm,
    ProvisionForm,
    ReviewMeetingDay,
    UpnField,
    coded,
    outcome_row,
    provision_row,
    total_cost,
)
from forms.vocabulary import SCHOOL
from service import dates
from service.catalogue import DocumentType, is_prompt
from service.fields import (
    NOT_GIVEN,
    After,
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MultiChoiceField,
    NumberField,
    TextField,
)
from service.steps import StepForm, make_step

SEN_SUPPORT, EHC_PLAN = "K", "E"
EHC_PLAN_REFUSED = (
    "This plan is only for pupils on SEN support (K). For a pupil with an EHC plan (E), plan "
    "and review their support through the EHC plan and its annual review"
)
NOT_COSTED = "Not costed"

# --- The questions ------------------------------------------------------------------------


def _needs(area):
    """'cognition and learning needs'; 'sensory and/or physical needs', not '... needs needs'."""
    name = AREA_NAMES[area].lower()
    return name if name.endswith(" needs") else f"{name} needs"


def _area_step(area):
    """What is known in one broad area of need, asked only when that area applies."""
    needs = _needs(area)
    question = LongTextField(
        f"What do you know about the pupil's {needs}?",
        f"Enter what you know about the pupil's {needs}",
        hint=f"What you have seen and what assessments show. For example, "
        f"'{AREA_EXAMPLES[area]}' Put each point on a new line.",
        error_name=f"What you know about {needs}",
        prompt=f"what we know about {needs}",
    )
    fields = {f"need_{area}": question}
    return make_step(area, AREA_NAMES[area], show_if=includes("areas", area), **fields)


def _in_own_words(heading):
    """A one-page profile heading in the pupil's words ("... about me"); messages speak of
    the pupil."""
    about = heading.removesuffix("me") + "the pupil"
    return LongTextField(
        heading, f"Enter {about[0].lower()}{about[1:]}", prompt=f"{heading[0].lower()}{heading[1:]}"
    )


class SupportNeedsStep(NeedsStep):
    """The census codes, for a pupil on SEN support only: a pupil with an EHC plan (E) has
    their provision set out in that plan, and reviewed at its annual review, not here."""

    hint = (
        "These are the codes the school census uses. This plan is for pupils on SEN support "
        "(K), not for pupils with an EHC plan (E)."
    )

    def validate_sen_status(self, field):
        if field.data == EHC_PLAN:
            raise StopValidation(EHC_PLAN_REFUSED)

    def validate_primary_need(self, field):
        """NSA is for pupils on SEN support, which every pupil this plan is for is: status E
        is refused on its own question, so nothing more is said here."""


class PlanProvisionForm(ProvisionForm):
    """A kind of help in the plan: its area of need must be one the plan is about, chosen on
    the areas of need page (an earlier step, which the field sees)."""

    def validate_area(self, field):
        chosen = field.earlier.get("areas")
        if field.data in AREA_NAMES and isinstance(chosen, list) and field.data not in chosen:
            raise StopValidation(
                "The area of need for this intervention must be one you chose for this plan. To "
                f"use '{AREA_NAMES[field.data].lower()}', add it on the areas of need page"
            )


class ReviewDateField(DateField):
    """An optional review date. Left blank, check your answers shows the date the plan will
    suggest in its place (DatesStep works it out), so the SENCO sees it before downloading."""

    suggested = None

    def summary_html(self):
        if self.data or self.suggested is None:
            return super().summary_html()
        return Markup("{}. The plan suggests {}.").format(NOT_GIVEN, long_date(self.suggested))


def _review(ordinal, before, before_name):
    """An optional review date: after the date before it, which must be given first; on a
    working day; and soon enough after the date before it for three reviews a year."""

    def given_first(form, _field):
        if before != "plan_start" and form[before].data is None:
            raise StopValidation(f"Enter {before_name} first, or leave this date blank")

    return ReviewDateField(
        f"{ordinal} review (optional)",
        error_name=f"{ordinal} review date",
        checks=(
            given_first,
            After(before, f"{ordinal} review date must be after {before_name}"),
            ReviewMeetingDay(before, before_name),
        ),
    )


class DatesStep(StepForm):
    """The plan's version and dates. Review dates left blank get the suggestions the plan will
    print, for check your answers."""

    slug, title = "dates", "Version and dates"
    hint = (
        "Plan at least three review meetings with the family in a year. If you leave a review "
        "date blank, the plan suggests one about a term after the date before it, and marks it "
        "as suggested. A date in the summer, Christmas or Easter holidays moves to the last "
        "weekday before them. You will see the suggested dates when you check your answers."
    )
    version = NumberField(
        "Version of the plan (optional)",
        hint="1 for a first plan, 2 for the next version, and so on. If you leave this blank, "
        "the plan says version 1.",
        error_name="Version of the plan",
        prompt="number",
        minimum=1,
        maximum=99,
    )
    written_on = DateField(
        "When was this version written? (optional)",
        hint="If you leave this blank, the plan does not give a date.",
        error_name="The date this version was written",
        prompt="date",
        not_after_today=True,
    )
    plan_start = DateField(
        "When does the plan start?",
        "Enter the date the plan starts",
        error_name="The date the plan starts",
        prompt="start date",
    )
    review_1 = _review("First", "plan_start", "the date the plan starts")
    review_2 = _review("Second", "review_1", "the first review date")
    review_3 = _review("Third", "review_2", "the second review date")

    def process(self, *args, **kwargs):
        super().process(*args, **kwargs)
        fields = (self.review_1, self.review_2, self.review_3)
        given = [field.data for field in fields if field.data]
        suggested = iter(day for day, is_suggested in review_dates(self.plan_start.data, given)
                         if is_suggested)  # fmt: skip
        for field in fields:
            field.suggested = None if field.data else next(suggested, None)


STEPS = (
    make_step(
        "school",
        "About the school",
        school_name=v.school_name(SCHOOL),
        senco_name=v.senco_name(),
        class_teacher=TextField(
            "Class teacher or form tutor (optional)",
            hint="For example, Mr Hughes.",
            prompt="class teacher's name",
        ),
        key_adult=TextField(
            "Key adult in school (optional)",
            error_name="Key adult",
            hint="The adult the pupil goes to first, and their role. For example, 'Ms Khan, "
            "teaching assistant'.",
            prompt="key adult's name and role",
        ),
    ),
    child_step(
        SCHOOL,
        slug="pupil",
        upn=UpnField(
            "Unique pupil number (UPN) (optional)",
            error_name="UPN",
            prompt="UPN",
            hint="13 characters, starting with a letter. You can find it in the school's "
            "management information system.",
        ),
        class_name=TextField(
            "Class or tutor group (optional)",
            prompt="class",
            max_length=60,
            hint="For example, Willow Class or 9C.",
        ),
    ),
    SupportNeedsStep,
    make_step(
        "strengths",
        "Strengths",
        strengths=LongTextField(
            "What are the pupil's strengths?",
            "Enter the pupil's strengths",
            error_name="The pupil's strengths",
            prompt="a strength",
            hint="What they are good at, what they enjoy and what helps them learn. Put each one "
            "on a new line.",
        ),
    ),
    make_step(
        "areas",
        "Areas of need",
        areas=MultiChoiceField(
            "Which broad areas of need apply to the pupil?",
            AREAS,
            "Select at least one area of need",
            hint="The SEND Code of Practice groups needs into four broad areas. Select all that "
            "apply. You will then be asked what you know about each one.",
        ),
    ),
    *(_area_step(area) for area in AREA_NAMES),
    make_step(
        "pupil-voice",
        "The pupil's views",
        hint="Write what the pupil says, in their own words where you can. The plan uses these "
        "headings, as a one-page profile does.",
        voice_like=_in_own_words("What people like and admire about me"),
        voice_important=_in_own_words("What is important to me"),
        voice_hopes=LongTextField(
            "My hopes for the future",
            "Enter the pupil's hopes for the future",
            hint="What the pupil would like to do or be, this year and when they are older. For "
            "example, 'I want to read a whole book on my own. I want to be a vet.'",
            error_name="The pupil's hopes for the future",
            prompt="my hopes for the future",
        ),
        voice_support=_in_own_words("How best to support me"),
        voice_how=LongTextField(
            "How did you find out the pupil's views?",
            "Enter how you found out the pupil's views",
            hint="For example, 'Josh talked to Ms Khan, using picture cards.'",
            error_name="How you found out the pupil's views",
            prompt="how we found out the pupil's views",
        ),
    ),
    make_step(
        "parent-views",
        "The family's views",
        parent_views=LongTextField(
            "What do the pupil's parents or carers say?",
            "Enter what the parents or carers say",
            hint="Their views, and their hopes for their child. If they could not give their "
            "views, say how you asked for them.",
            error_name="What the parents or carers say",
            prompt="what the family says",
        ),
    ),
    make_step(
        "assessment",
        "Baseline and assessment",
        baseline=LongTextField(
            "Baseline and assessment information",
            "Enter the baseline and assessment information",
            hint="Where the pupil is now, with dates: for example, test scores, reading age, "
            "attendance and what you have seen in class. Put each one on a new line.",
            prompt="baseline and assessment information",
        ),
        professionals=LongTextField(
            "Professionals involved, diagnoses and waiting lists (optional)",
            hint="For example, 'Occupational therapist: saw Josh on 2 October 2026; report "
            "shared.' Put each one on a new line.",
            error_name="Professionals involved",
            prompt="professionals involved, diagnoses and waiting lists",
        ),
    ),
    DatesStep,
    make_step(
        "outcomes",
        "Outcomes",
        outcomes=ListField(
            GroupField(OutcomeForm),
            "Outcomes",
            "Enter at least one outcome",
            hint="What the pupil should achieve by the next review. Most plans have 3 or 4.",
            item_name="outcome",
            max_entries=8,
        ),
    ),
    make_step(
        "provision",
        "Provision",
        provision=ListField(
            GroupField(PlanProvisionForm),
            "Provision",
            "Enter at least one intervention or support",
            hint="Each intervention or kind of extra help, who gives it and when. Costs are "
            "optional: the plan adds up the costs you give, and marks the rest as not costed.",
            item_name="intervention",
            max_entries=12,
        ),
    ),
    make_step(
        "strategies",
        "Classroom strategies",
        strategies=LongTextField(
            "What should every adult who works with the pupil do?",
            "Enter the classroom strategies",
            hint="Strategies for lessons and around school. Put each one on a new line. For "
            "example, 'Give instructions one step at a time.'",
            error_name="Classroom strategies",
            prompt="a strategy",
        ),
    ),
    make_step(
        "home",
        "At home",
        home=LongTextField(
            "What will happen at home? (optional)",
            error_name="What will happen at home",
            hint="What the family has agreed to do. For example, 'Read together for 10 minutes "
            "each evening.' Put each one on a new line. If you leave this blank, the plan "
            "leaves space to write it in.",
            prompt="what will happen at home",
        ),
    ),
    # The pupil's parent or carer, who signs the plan; not a letter's writer (writer_name).
    make_step(
        "sign-off",
        "Agreeing the plan",
        parent_carer_name=TextField(
            "Parent or carer's name",
            "Enter the parent or carer's name",
            prompt="parent or carer's name",
        ),
        parent_carer_role=TextField(
            "Their relationship to the pupil (optional)",
            error_name="Relationship to the pupil",
            hint="As you want it in the plan's sign-off table. For example, Mother or Carer. If "
            "you leave this blank, the plan says 'Parent or carer'.",
            prompt="parent or carer",
            max_length=60,
        ),
        distribution=ListField(
            TextField("Who gets a copy", prompt="who gets a copy", max_length=200),
            "Who else gets a copy of the plan? (optional)",
            item_name="person",
            hint="The plan always lists the parent or carer. For example, the class teacher, or "
            "the speech and language therapist.",
        ),
    ),
)


# --- Review dates -------------------------------------------------------------------------


def good_friday(year):
    """Good Friday in `year`: the Friday bank holiday in March or April three days before
    another (Easter Monday). None if the calendar does not have it."""
    holidays = dates.bank_holidays(year)
    for day in sorted(holidays):
        if (
            day.month in (3, 4)
            and day.weekday() == 4  # Friday
            and day + datetime.timedelta(days=3) in holidays
        ):
            return day
    return None


def holiday_start(day):
    """The first day of the school holiday `day` falls in, or None: the summer holiday
    (20 July to 31 August), Christmas (20 December to 4 January) and Easter (Good Friday to
    the Friday after Easter Monday), when most schools in England are closed. Half-terms
    differ from council to council, so they are not counted."""
    year = day.year
    if datetime.date(year, 7, 20) <= day <= datetime.date(year, 8, 31):
        return datetime.date(year, 7, 20)
    if day >= datetime.date(year, 12, 20):
        return datetime.date(year, 12, 20)
    if day <= datetime.date(year, 1, 4):
        return datetime.date(year - 1, 12, 20)
    easter = good_friday(year)
    if easter is not None and easter <= day <= easter + datetime.timedelta(days=7):
        return easter
    return None


def before_school_holidays(day):
    """A suggested review date that falls in a school holiday moved back to the last working
    day before the holiday starts, so that the review is in the last days of term, with the
    staff who know the pupil, not on the first day back or with a new teacher. The school's
    own term dates decide the real ones; the plan says so."""
    start = holiday_start(day)
    if start is None:
        return day
    day = start - datetime.timedelta(days=1)
    while not dates.is_working_day(day):
        day -= datetime.timedelta(days=1)
    return day


def suggested_reviews(after, count):
    """`count` review dates about a term apart (deadlines.suggested_reviews), each counted
    from the one before it as moved out of the holidays."""
    suggestions = []
    for _ in range(count):
        (after,) = deadlines.suggested_reviews(after, count=1)
        after = before_school_holidays(after)
        suggestions.append(after)
    return suggestions


def review_dates(start, given):
    """The three reviews the plan prints, as (date, whether suggested): the dates given, then
    suggestions after the last of them, or after the start. Nothing to suggest from, no
    suggestions."""
    reviews = [(day, False) for day in given]
    last = given[-1] if given else start
    if last is None:
        return reviews
    return reviews + [(day, True) for day in suggested_reviews(last, 3 - len(given))]


# --- The plan -----------------------------------------------------------------------------

# Answers the plan carries as they were typed, a paragraph to a line.
TYPED = ("strengths", "voice_like", "voice_important", "voice_hopes", "voice_support",
         "voice_how", "parent_views", "baseline", "professionals", "strategies",
         "home")  # fmt: skip


def build_context(answers):
    """Answers (or blank-mode prompts) -> the template's variables. The only such place."""
    blank = is_blank(answers)
    child_name, child = child_names(answers)
    family = f"{possessive(child)} family"
    reviews = _reviews(answers, blank)
    parent_carer = text(answers.get("parent_carer_role"), default="Parent or carer")
    young_person = not blank and v.is_young_person(answers, on=answers.get("plan_start"))
    return {
        "blank": blank,
        "child_name": child_name,
        "child": child,
        "version_line": _version_line(answers, blank, reviews),
        "intro": f"This plan is about {child} at {text(answers.get('school_name'))}. SEN "
        f"means special educational needs. The plan says what {child} is good at and finds "
        f"hard, and what extra help the school will give. We wrote it with {child} and the "
        "family.",
        "notice": _notice(answers, young_person, child),
        **{name: paragraphs(answers.get(name)) for name in TYPED},
        "details": _details(answers, blank),
        "voice_intro": f"This part is in {possessive(child)} own words.",
        "areas_intro": "The SEND Code of Practice puts special educational needs into four "
        f"broad areas. These are the areas that apply to {child}.",
        "areas": [
            {"name": name, "paragraphs": paragraphs(answers.get(f"need_{area}"))}
            for area, name in AREAS
            if area in (answers.get("areas") or [])
        ],
        "outcomes_intro": f"These are the things we want {child} to achieve. Each one says "
        f"where {child} is now and how we will check progress.",
        "outcomes": [outcome_row(item) for item in answers.get("outcomes") or []],
        "outcomes_after": f"We will look at each outcome with {child} and the family at every "
        "review.",
        # Who checks the help comes before the table, so that a long table cannot leave it
        # alone on a page; words that fit a secondary school, with many teachers, too.
        "provision_intro": f"This is the extra help the school will give {child}, on top of "
        f"good teaching in class. {possessive(child)} teachers and the SENCO will check how "
        "well each kind of help is working, and change it if it is not helping.",
        **_provision(answers.get("provision") or [], blank),
        "all_staff": f"{cites('code-6.49')} everyone who works with a pupil should know about "
        "their needs, the outcomes they are working towards, their support and the strategies "
        "to use.",
        "strategies_intro": f"These are the strategies for {child}:",
        "home_to_agree": f"We will agree with {family} what will happen at home, and write it "
        "in here.",
        "reviews_intro": f"{meet_parents()} We will meet to review this plan on these dates:",
        "reviews": [f"{day} (suggested)" if suggested else day for day, suggested in reviews],
        "confirm_suggested": "We will check the suggested dates against the school's term "
        "dates, and confirm them nearer the time."
        if any(suggested for _, suggested in reviews)
        else "",
        "agreeing": "By signing, we agree to this plan and to reviewing it together.",
        "signatories": [
            {"name": child_name, "role": "Pupil"},
            {"name": text(answers.get("parent_carer_name")), "role": parent_carer},
            {"name": text(answers.get("senco_name")), "role": "SENCO"},
        ],
        "copies_intro": "Copies of this plan go to:",
        "distribution": _copies(answers, blank, child if young_person else None),
    }


def _version_line(answers, blank, reviews):
    """'Version 1, written on 11 September 2026, to be reviewed by 25 November 2026.' With no
    date written, none (the day it is downloaded would change with every download); a
    suggested review date says so."""
    if blank:
        day = prompt("date")
        return f"Version {prompt('number')}, written on {day}, to be reviewed by {day}."
    parts = [f"Version {answers.get('version') or 1}"]
    if answers.get("written_on"):
        parts.append(f"written on {long_date(answers['written_on'])}")
    if reviews:
        day, suggested = reviews[0]
        parts.append(f"to be reviewed by {day}{' (suggested)' if suggested else ''}")
    return ", ".join(parts) + "."


def _notice(answers, young_person, child):
    """The plan as the school's notice under section 68: to the parent, or to a pupil over
    compulsory school age (a young person), whom the section says the school must tell."""
    if young_person:
        return (
            f"{cites('cfa-s68')} that when a school makes special educational provision for a "
            "pupil over compulsory school age who has no education, health and care (EHC) plan, "
            f"it must tell the pupil. This plan is the school's notice to {child} that it is "
            "making special educational provision for them."
        )
    parent = text(answers.get("parent_carer_name"))
    return (
        f"{cites('cfa-s68')} that when a school makes special educational provision for a "
        "pupil who has no education, health and care (EHC) plan, it must tell the pupil's parent. "
        f"This plan is the school's notice to {parent} that it is making special educational "
        f"provision for {child}."
    )


def _provision(items, blank):
    """The provision rows, whether the plan shows costs, and the total with what it leaves
    out: a row with no cost is marked as not costed, never left to look free."""
    rows = [provision_row(item) for item in items]
    costed = blank or any(row["cost"] for row in rows)
    uncosted = 0 if blank else sum(1 for row in rows if not row["cost"])
    if costed:
        for row in rows:
            row["cost"] = row["cost"] or NOT_COSTED
    if uncosted == 1:
        label = "Total cost (leaves out the row that is not costed)"
    elif uncosted:
        label = f"Total cost (leaves out the {uncosted} rows that are not costed)"
    else:
        label = "Total cost"
    return {
        "provision": rows,
        "costed": costed,
        "total_label": label,
        "total_cost": total_cost(items, blank),
    }


def _copies(answers, blank, pupil=None):
    """Who gets a copy: the parent or carer always; first the pupil, when the plan is the
    school's notice to them (`pupil`, the name the plan calls them by); then the people
    listed, less any that name the parent or the pupil again."""
    parent = text(answers.get("parent_carer_name"))
    others = [text(item) for item in answers.get("distribution") or [] if text(item)]
    if blank:
        return [parent, *others]
    role = text(answers.get("parent_carer_role"), default="parent or carer")
    if role == role.capitalize():  # "Mother" -> "mother"; "Special Guardian" as it is
        role = role.lower()
    names = [parent.casefold()]
    copies = [f"{parent}, {role}"]
    if pupil:
        names.append(text(answers.get("child_name")).casefold())
        copies.insert(0, f"{pupil}, pupil")
    # A whole-word match, so "Mrs Helen Ward, mother" is the parent again but "John Smith"
    # is not the parent "Jo": nobody typed in the list is left out for a name inside a word.
    repeats = [re.compile(rf"(?<!\w){re.escape(name)}(?!\w)") for name in names if name]
    return copies + [
        item
        for item in others
        if not any(repeat.search(item.casefold()) for repeat in repeats)
        and not (pupil and item.split(",")[0].strip().casefold() == pupil.casefold())
    ]


def _details(answers, blank):
    """The rows of the pupil details table; optional ones only when answered (or blank)."""
    name, known_as = text(answers.get("child_name")), text(answers.get("child_known_as"))
    status = answers.get("sen_status")
    rows = [
        ("Name", name),
        ("Known as", "" if known_as == name and not blank else known_as),
        ("Date of birth", long_date(answers.get("child_dob"))),
        ("Unique pupil number (UPN)", text(answers.get("upn"))),
        ("Year group", year_group_text(answers.get("year_group"))),
        ("Class or tutor group", text(answers.get("class_name"))),
        ("School", text(answers.get("school_name"))),
        # The plan is for pupils on SEN support only, so a blank plan prints that status.
        ("SEN provision status", dict(SEN_STATUSES).get(SEN_SUPPORT if is_prompt(status)
                                                         else status, "")),
        ("Primary need", coded(answers.get("primary_need"), NEED_LABELS, "code and meaning")),
        ("Secondary need", coded(answers.get("secondary_need"), NEED_LABELS,
                                  "code and meaning, if any")),
        ("SENCO (special educational needs co-ordinator)", text(answers.get("senco_name"))),
        ("Class teacher or form tutor", text(answers.get("class_teacher"))),
        ("Key adult in school", text(answers.get("key_adult"))),
        ("Plan starts", long_date(answers.get("plan_start"))),
    ]  # fmt: skip
    return [{"label": label, "value": value} for label, value in rows if value]


def _reviews(answers, blank):
    """Three reviews, (date as the plan prints it, whether suggested)."""
    if blank:
        return [(prompt("date"), False)] * 3
    return [(long_date(day), suggested) for day, suggested in review_days(answers)]


def review_days(answers):
    """The plan's reviews from its answers, (date, whether suggested): the dates given, then
    suggestions about a term apart, out of the school holidays. Its reminders are these."""
    given = [datetime.date.fromisoformat(answers[name])
             for name in ("review_1", "review_2", "review_3") if answers.get(name)]  # fmt: skip
    start = answers.get("plan_start")
    start = datetime.date.fromisoformat(start) if start else None
    return review_dates(start, given)


def _reminders(answers):
    return reminders.plan_reviews(review_days(answers))


# Josh, born on 3 November 2016, is 9 years 10 months old and in Year 5 in September 2026.
DOCUMENT = DocumentType(
    slug="sen-support-plan",
    title="SEN support plan",
    reader_title="SEN support plan",
    summary="Write a plan for a pupil on SEN support: their needs and views, outcomes, "
    "provision and costs, strategies for staff, and review dates.",
    needs="The pupil's details and census codes, their views and their family's, assessment "
    "results, and the outcomes and support you have agreed.",
    audience=("school",),
    steps=STEPS,
    build_context=build_context,
    filename=file_name(
        "SEN support plan for {child_name}, {date}", dated="plan_start", child_name="pupil"
    ),
    reminders=_reminders,
    example_source=dated_example("sen-support-plan"),
    follow_ons=follow_ons("sen-support-plan"),
    # A register gives provision as numbers (minutes, sessions a week, weeks, hourly cost);
    # the plans made from one come with a whole-school provision map.
    bulk_flat=provision_time.bulk_flat,
    bulk_extras={"provision": provision_time.EXTRAS},
    bulk_shared=("school_name", "senco_name", "written_on", "plan_start", "review_1"),
    bulk_files=functools.partial(provision_map.bulk_files, review_days=review_days),
    next_steps=(
        "Read the plan through with the pupil and their family, and change anything they do "
        "not agree with.",
        "Ask everyone named to sign it, and give a copy to everyone it lists.",
        "Share the classroom strategies with every adult who works with the pupil.",
        "Put the review dates in the diary and tell the family.",
    ),
)
