"""What a post about email leaves for the page its redirect leads to (post/redirect/get).

Every post about email ends in a redirect, so Back and Refresh never offer to post a form
again. A post that did not do what it asked (its form has errors, or a limit, the PDF maker
or the mail server stopped it) leaves what was typed, the errors and the problem for the next
page of the same document, which shows them once. They travel in the session, sealed with the
drafts' key: the session cookie is signed but readable, and addresses are personal. A sealed
outcome lives a few minutes only, since it is for the page right after the post.
"""

from dataclasses import dataclass, field

from flask import g, session
from werkzeug.datastructures import MultiDict

from service import drafts

KEY = "email_outcome"
MAX_AGE = 10 * 60  # seconds
# Of each value typed, what is carried: more than any valid value (an address is at most 254
# characters), so one too long is still shown as too long, while the cookie, which every
# browser keeps only up to 4 KB, has room for a whole form of them.
CARRIED_LENGTH = 300
NOT_TYPED = {"csrf_token"}


@dataclass(frozen=True)
class Outcome:
    """A post's outcome, as its page shows it: which form (`address`, `send` or `code`),
    what was typed in it and its errors, and the problem that stopped it (a kind that
    _email_problem.html names) with when to try again."""

    form: str | None = None
    typed: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    problem: str | None = None
    retry_at: str | None = None
    flags: dict = field(default_factory=dict)

    def filled(self, make_form):
        """The form, made by `make_form(formdata)` from what was typed, with its errors."""
        form = make_form(MultiDict(self.typed))
        for name, messages in self.errors.items():
            if name in form and name not in NOT_TYPED:
                form[name].errors = [str(message) for message in messages]
        return form


def typed_in(form):
    """What was typed in each box of a form, as the browser sent it; a box filled in for the
    user (no post) by the value it was given."""
    typed = {}
    for box in form:
        if box.name in NOT_TYPED:
            continue
        value = box.raw_data[0] if box.raw_data else box.data
        if isinstance(value, str):
            typed[box.name] = value[:CARRIED_LENGTH]
    return typed


def _current_ref():
    draft = g.get("journey_draft")
    return draft.ref if draft is not None else None


def keep(slug, page, *, form=None, kind=None, problem=None, retry_at=None, **flags):
    """Leave a post's outcome for `page` ("done" or "check-email") of document `slug`."""
    outcome = {
        "slug": slug,
        "draft": _current_ref(),
        "page": page,
        "form": kind,
        "typed": typed_in(form) if form is not None else {},
        "errors": {
            box.name: [str(message) for message in box.errors]
            for box in form or ()
            if box.errors and box.name not in NOT_TYPED
        },
        "problem": problem,
        "retry_at": retry_at,
        "flags": flags,
    }
    session[KEY] = drafts.seal(outcome)


def take(slug, page):
    """The outcome left for this page, once: it is gone from the session whichever page
    asks, so it never shows up later, on another visit."""
    sealed = session.pop(KEY, None)
    value = drafts.unseal(sealed, MAX_AGE) if isinstance(sealed, str) else None
    if not isinstance(value, dict) or (value.get("slug"), value.get("page")) != (slug, page):
        return None
    if value.get("draft") != _current_ref():  # another tab's draft of the same document
        return None
    try:
        return Outcome(
            form=value["form"],
            typed=dict(value["typed"]),
            errors=dict(value["errors"]),
            problem=value["problem"],
            retry_at=value["retry_at"],
            flags=dict(value["flags"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
