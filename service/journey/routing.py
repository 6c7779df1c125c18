"""What every journey page shares: the blueprint, the document a URL names, the draft it
works on, where a step is, and the guard for pages that need every answer.

A browser can hold several drafts of one document, so every address of a journey names its
draft, `?draft=<ref>`: two tabs then work on two drafts without mixing them. The ref is added
to every address built for the same document while a page is made (`_add_draft_ref`), so
views and templates build their links as before. `?draft=new` starts another draft; an
address without a ref means the browser's most recent draft of the document.
"""

import functools

from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)

from service import drafts
from service.journey import navigation
from service.organisations import branding

bp = Blueprint("journey", __name__, url_prefix="/documents")

RESERVED_SLUGS = {
    "check-answers",
    "done",
    "download",
    "download.pdf",
    "calendar.ics",
    "email",
    "check-email",
    "blank",
    "delete",
    "deleted",
}


def document_for(slug):
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        abort(404)
    return document


def current_draft(slug):
    """The draft this request's address names, which every address built for the same
    document while making the page will name too. A draft this browser does not hold is
    answered with a page that says so, rather than with an empty journey."""
    draft = load_draft(slug)
    if draft.lost:
        abort(not_on_this_device(slug))
    return draft


def load_draft(slug):
    """As `current_draft`, but a draft this browser does not hold comes back `lost`, for the
    caller to deal with: addresses built for the page then start a new draft."""
    ref = request.args.get("draft") or None
    draft = drafts.load(slug, ref)
    branding.adopt(draft)
    g.journey_draft = draft
    g.journey_new = ref == drafts.NEW or draft.lost
    return draft


def not_on_this_device(slug):
    page = render_template("journey/not_on_this_device.html", document=document_for(slug))
    return make_response(page, 404)


def draft_ref():
    """The ref that addresses about the current draft carry, or None."""
    draft = g.get("journey_draft")
    if draft is None:
        return None
    return draft.ref or (drafts.NEW if g.get("journey_new") else None)


def _add_draft_ref(endpoint, values):
    """`url_for` for a page of the document being worked on names its draft."""
    if not endpoint or not endpoint.startswith("journey.") or "draft" in values:
        return
    draft = g.get("journey_draft")
    if draft is not None and values.get("slug") == draft.document and endpoint != "journey.start":
        ref = draft_ref()
        if ref:
            values["draft"] = ref


def changing():
    return request.args.get("change") == "1"


def step_url(document, step, *, change=False):
    args = {"change": "1"} if change else {}
    return url_for("journey.step", slug=document.slug, step=step.slug, **args)


def resume_url(document, draft, *, change=False, state=None):
    """Where to send someone who cannot be where they asked: the first step left to do."""
    state = state or navigation.progress(document, draft.steps)
    missing = state.first_missing
    if missing is None:
        return url_for("journey.check", slug=document.slug)
    return step_url(document, missing, change=change)


def finished(view):
    """For pages that need every answer: the view gets the document, its draft and the
    journey's progress (whose `answers` the document is made from), or the user is sent to
    the first step left to do."""

    @functools.wraps(view)
    def guarded(slug, **kwargs):
        document = document_for(slug)
        draft = current_draft(slug)
        state = navigation.progress(document, draft.steps)
        if not state.complete:
            return redirect(resume_url(document, draft, state=state))
        return view(document, draft, state, **kwargs)

    return guarded


def _forget_draft():
    # An app context can outlive a request (a test's, or a command's), and `g` with it: no
    # page may name the draft of the request before.
    g.pop("journey_draft", None)
    g.pop("journey_new", None)


def init_app(app):
    app.before_request(_forget_draft)
    app.url_defaults(_add_draft_ref)
