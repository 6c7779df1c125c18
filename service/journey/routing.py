"""What every journey page shares: the blueprint, the document a URL names, where a step
is, and the guard for pages that need every answer."""

import functools

from flask import Blueprint, abort, current_app, redirect, request, url_for

from service import drafts
from service.journey import navigation

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
        draft = drafts.load(slug)
        state = navigation.progress(document, draft.steps)
        if not state.complete:
            return redirect(resume_url(document, draft, state=state))
        return view(document, draft, state, **kwargs)

    return guarded
