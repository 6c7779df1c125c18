"""The documents that can follow each one, as the done page and "Your documents" offer them:
the next step when a time limit passes or a plan moves on, started with the answers that carry.

A follow-on names its target, the link text (with the date, worked out by the reminders the
source document gives: forms/reminders.py, so the offer and the calendar cannot disagree), the
reminder whose passing makes it due (none: offered straight away), the answers it carries
beyond the facts every document shares (service/carry.py), and the answers that lead to it.

In the usual order of escalation:
- a concern letter not answered by the date it asks for: a formal complaint to the school;
- an EHC needs assessment request that passes the 6, 16 or 20-week time limit: the letter about
  a missed time limit, which only a parent or young person writes, with how and when the
  request was sent, which the time limits count from;
- a records request whose subject access month passes: the school's complaints procedure, as
  the request's own next steps say (the Information Commissioner's Office comes after that,
  and the service writes nothing for it);
- a stage 1 complaint not resolved: the same complaint at stage 2;
- a missed time limit letter written before a later time limit ends: another when it passes;
- an SEN support plan: its review, with its pupil, school, outcomes and provision;
- a review: the next review (of the new outcomes, if they changed), a new plan when the
  outcomes change, and the school's request for an EHC needs assessment when that is the next
  step.
"""

from collections.abc import Callable
from dataclasses import dataclass

from forms import reminders
from forms.formatting import child_names, long_date, possessive, text
from service.fields.base import SHORT_MAX_LENGTH


@dataclass(frozen=True)
class FollowOn:
    target: str  # the next document's slug
    offer: Callable[[dict], str]  # the link text, from the source's answers
    after: str | None = None  # the reminder key whose passing makes it due; None: always
    carry: Callable[[dict], dict] | None = None  # answers for the target beyond shared facts
    when: Callable[[dict], bool] | None = None  # whether the answers lead to it; None: always

    def applies(self, answers):
        return self.when is None or self.when(answers)


def follow_ons(slug, answers=None):
    """The follow-ons of the document `slug`; given its answers, only those they lead to."""
    found = FOLLOW_ONS.get(slug, ())
    return found if answers is None else tuple(f for f in found if f.applies(answers))


def reminder_day(slug, key, answers):
    """The day of the source's reminder `key`, as its calendar gives it; None without one."""
    return next((r.day for r in reminders.reminders(slug, answers) if r.key == key), None)


def _by(slug, key, question, otherwise, then):
    """Link text naming the reminder's day: "No reply by 15 December 2026? Write a formal
    complaint"; without the day, `otherwise` in its place."""

    def offer(answers):
        day = reminder_day(slug, key, answers)
        return f"{question.format(date=long_date(day)) if day else otherwise}? {then}"

    return offer


def _kept(answers, *names):
    """The answers to `names`, as given."""
    return {name: answers[name] for name in names if name in answers}


def _writer_is(*kinds):
    return lambda answers: answers.get("writer") in kinds


# --- An EHC needs assessment request, and the letter about a missed time limit --------------

# The request's sending answers, from which the missed time limit letter counts the limits.
SENDING = ("sent_on", "sent_by", "sent_after_5pm")
MISSED = "Write to the council about the missed time limit"
AGAIN = "Write to the council again"


def _ehc_limit(key, question, otherwise):
    return FollowOn(
        "missed-deadline-letter",
        _by("ehc-needs-assessment-request", key, question, otherwise, MISSED),
        after=key,
        carry=lambda answers: _kept(answers, *SENDING),
        # A school's request is followed up by the family: the letter is theirs to write.
        when=_writer_is("parent", "young_person"),
    )


def _missed_again(key, stages, question, otherwise):
    return FollowOn(
        "missed-deadline-letter",
        _by("missed-deadline-letter", key, question, otherwise, AGAIN),
        after=key,
        carry=lambda answers: _kept(answers, *SENDING, "signed_for_on", "la_reference"),
        when=lambda answers: answers.get("ehc_stage") in stages,
    )


# --- SEN support plans and their reviews -----------------------------------------------------

_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})


def _lower_first(phrase):
    """'Every school day' -> 'every school day', for the middle of a sentence; a name, a title
    or capitals ('Ms Khan', 'SENCO') as typed."""
    words = phrase.split()
    first = words[0]
    if first in _TITLES or not (first[:1].isupper() and first[1:].islower()):
        return phrase
    if len(words) > 1 and words[1][:1].isupper():
        return phrase
    return phrase[:1].lower() + phrase[1:]


def planned_in_words(item):
    """A provision row as the review names it: 'Precision teaching for reading (every school
    day, 10 minutes, one-to-one, teaching assistant)'; the intervention alone if that is too
    long for the review's question."""
    intervention = text(item.get("intervention"))
    size = item.get("group_size")
    group = "one-to-one" if size == 1 else f"in a group of {size}" if size else ""
    parts = [text(item.get(name)) for name in ("frequency", "session_length")]
    parts += [group, text(item.get("staff"))]
    words = ", ".join(_lower_first(part) for part in parts if part)
    described = f"{intervention} ({words})" if words else intervention
    return described if len(described) <= SHORT_MAX_LENGTH else intervention


def plan_to_review(answers):
    """The plan's start, each outcome to rate and each kind of help to count: what only the
    review meeting can say (ratings, evidence, sessions, costs) is left to it."""
    return {
        "plan_start": answers.get("plan_start"),
        "reviewed": _each(answers.get("outcomes"), "target", "outcome"),
        "delivery": [
            {"intervention": planned_in_words(item)}
            for item in answers.get("provision") or []
            if text(item.get("intervention"))
        ],
    }


def _same_words(phrase):
    return " ".join((phrase or "").split()).casefold()


def review_to_plan(answers):
    """The review's new outcomes as the new plan's. An outcome the review kept has its
    evidence as its baseline: where the pupil is now, as the new outcome asks."""
    evidence = {
        _same_words(item.get("outcome")): item.get("evidence")
        for item in answers.get("reviewed") or []
    }
    outcomes = []
    for item in answers.get("new_outcomes") or []:
        outcome = _kept(item, "target", "measure", "due")
        baseline = evidence.get(_same_words(item.get("target")))
        if baseline:
            outcome["start_point"] = baseline
        outcomes.append(outcome)
    return {"outcomes": outcomes}


def review_to_review(answers):
    """The outcomes the next review looks at: the new ones if the plan changed (whose start and
    help are the new plan's, not known here), or else the same plan's, with its help."""
    if answers.get("new_outcomes"):
        return {"reviewed": _each(answers["new_outcomes"], "target", "outcome")}
    return {
        "plan_start": answers.get("plan_start"),
        "reviewed": _each(answers.get("reviewed"), "outcome", "outcome"),
        "delivery": _each(answers.get("delivery"), "intervention", "intervention"),
    }


def _each(items, name, as_name):
    """Each item's answer to `name`, as a list entry answering `as_name`."""
    return [{as_name: item[name]} for item in items or [] if text(item.get(name))]


def review_to_ehc_request(answers):
    """The school's request: whether the family (or pupil) agrees, and the school's reasons,
    which answer the request's question of why an EHC plan may be necessary."""
    return {
        "family_agrees": answers.get("family_agrees"),
        "reasons_plan": answers.get("ehc_reason"),
    }


def _new_outcomes(answers):
    return bool(answers.get("new_outcomes"))


def _child(answers):
    return child_names(answers)[1] or "the pupil"


# --- Every document's follow-ons -------------------------------------------------------------

FOLLOW_ONS = {
    "concern-letter": (
        FollowOn(
            "complaint",
            _by("concern-letter", "reply-by", "No reply by {date}", "No reply from the school",
                "Write a formal complaint"),
            after="reply-by",
        ),
    ),
    "ehc-needs-assessment-request": (
        _ehc_limit("ehc-decide-to-assess", "No decision on the assessment by {date}",
                   "No decision on the assessment in 6 weeks"),
        _ehc_limit("ehc-decide-plan", "No decision on an EHC plan by {date}",
                   "No decision on an EHC plan in 16 weeks"),
        _ehc_limit("ehc-final-plan", "No final EHC plan by {date}",
                   "No final EHC plan in 20 weeks"),
    ),
    "records-request": (
        FollowOn(
            "complaint",
            _by("records-request", "records-due", "No reply to your request for records by {date}",
                "No reply to your request for records", "Write a formal complaint to the school"),
            after="records-due",
            when=_writer_is("parent"),  # the complaint is a parent's
        ),
    ),
    "complaint": (
        FollowOn(
            "complaint",
            lambda _answers: "Not resolved at stage 1? Ask for stage 2 of the complaints procedure",
            carry=lambda answers: {
                "stage": "stage_2",
                **_kept(answers, "policy_name", "response_time", "events", "duties",
                        "other_issues", "impact", "remedies"),
            },
            when=lambda answers: answers.get("stage") == "stage_1",
        ),
    ),
    "missed-deadline-letter": (
        _missed_again("ehc-decide-plan", ("no-decision",),
                      "Still no decision on an EHC plan by {date}",
                      "Still no decision on an EHC plan"),
        _missed_again("ehc-final-plan", ("no-decision", "assessing"),
                      "Still no final EHC plan by {date}", "Still no final EHC plan"),
    ),
    "sen-support-plan": (
        FollowOn(
            "sen-support-review",
            _by("sen-support-plan", "review-1", "Review meeting on {date}",
                "Had the review meeting", "Record the review"),
            after="review-1",
            carry=plan_to_review,
        ),
    ),
    "sen-support-review": (
        FollowOn(
            "sen-support-plan",
            lambda answers: f"Outcomes changing? Write {possessive(_child(answers))} new SEN "
            "support plan",
            carry=review_to_plan,
            when=_new_outcomes,
        ),
        FollowOn(
            "sen-support-review",
            _by("sen-support-review", "next-review", "Next review on {date}",
                "Had the next review", "Record the review"),
            after="next-review",
            carry=review_to_review,
        ),
        FollowOn(
            "ehc-needs-assessment-request",
            lambda answers: f"Asking for an EHC needs assessment? Write the request for "
            f"{_child(answers)}",
            carry=review_to_ehc_request,
            when=lambda answers: answers.get("next_step") == "ehc",
        ),
    ),
}  # fmt: skip
