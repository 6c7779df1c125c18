"""What "Your documents" shows of each draft: its name, how far it has got, when it will be
deleted, the dates it worked out that have passed, and the documents that can follow it."""

from dataclasses import dataclass, field

from flask import current_app, url_for

from service import dates, drafts
from service.journey import navigation

NAME_LENGTH = 100  # characters of a name the user gives a document


@dataclass
class Entry:
    draft: object
    document: object
    name: str
    complete: bool
    done_steps: int
    all_steps: int
    continue_url: str
    passed: list = field(default_factory=list)  # (Reminder, follow-on offers) whose day has gone
    follow_ons: list = field(default_factory=list)  # (text, url) always offered when complete


def default_name(document, answers):
    """The document's title and the child's first name, as the user would say it."""
    known_as = answers.get("child_known_as") or ""
    full = answers.get("child_name") or ""
    first = (known_as or full).strip().split(" ")[0] if (known_as or full).strip() else ""
    return f"{document.title}: {first}" if first else document.title


def name_of(document, draft, answers):
    return draft.name or default_name(document, answers)


def entry(document, draft, today=None):
    # Judged as on the day it was made: a request to be sent "today or later" was right then,
    # and is still the request whose time limits the list should count.
    with dates.as_of(drafts.made_on(draft)):
        state = navigation.progress(document, draft.steps)
    answers = state.answers
    done = sum(1 for step in state.steps if step.slug in draft.steps) if state.steps else 0
    if state.complete:
        continue_url = url_for("journey.check", slug=document.slug, draft=draft.ref)
    else:
        continue_url = url_for(
            "journey.step", slug=document.slug, step=state.first_missing.slug, draft=draft.ref
        )
    made = Entry(
        draft=draft,
        document=document,
        name=name_of(document, draft, answers),
        complete=state.complete,
        done_steps=min(done, len(state.steps)),
        all_steps=len(state.steps),
        continue_url=continue_url,
    )
    if state.complete:
        made.passed, made.follow_ons = follow_on_offers(document, draft, answers, today)
    return made


def follow_on_offers(document, draft, answers, today=None):
    """The next documents this one leads to, as (passed reminders with their offers, offers
    always made): an offer tied to a date appears once that date has passed. Dates a document
    counts from the day it was made are worked out as of that day."""
    today = today or dates.today()
    catalogue = current_app.extensions["catalogue"]
    made = drafts.made_on(draft)
    with dates.as_of(made):
        due = {r.key: r for r in (document.reminders(answers) if document.reminders else [])}
        leads_to = [f for f in document.follow_ons if f.applies(answers)]
        passed, always = {}, []
        for follow_on in leads_to:
            if catalogue.get(follow_on.target) is None:
                continue
            offer = (follow_on.offer(answers), next_url(draft, follow_on.target))
            if follow_on.after is None:
                always.append(offer)
            elif follow_on.after in due and due[follow_on.after].day < today:
                passed.setdefault(follow_on.after, (due[follow_on.after], []))[1].append(offer)
            elif follow_on.after in due:
                always.append(offer)
    return list(passed.values()), always


def next_url(draft, target):
    return url_for("cases.start_next", ref=draft.ref, target=target)


def when_deleted(draft):
    """The day a draft will be deleted, as the UK says it."""
    return f"{draft.expires_at.astimezone(dates.LONDON):%-d %B %Y}"
