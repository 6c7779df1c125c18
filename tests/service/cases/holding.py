"""A browser that holds drafts, made as the journey makes them, without walking every step."""

from flask import g, session

from service import drafts
from service.answers import validate_answers
from service.carry import draft_steps


def hold(client, app, slug, answers=None, *, made_on=None, name=None):
    """Give the test client's browser a finished draft of `slug` (its example answers unless
    given); the draft as stored."""
    document = app.extensions["catalogue"].get(slug)
    checked = validate_answers(document, document.example if answers is None else answers)
    assert not checked.errors, checked.errors
    complete, prefill = draft_steps(document, checked.answers)
    draft = drafts.Draft(slug, steps=complete, prefill=prefill, name=name)
    if made_on is not None:
        draft.made_on = made_on.isoformat()
    with client.session_transaction() as stored:
        before = dict(stored)
    with app.test_request_context():
        session.update(before)
        drafts.save(draft)
        after = dict(session)
    with client.session_transaction() as stored:
        stored.clear()
        stored.update(after)
    return draft


def other_device(app):
    """A browser of its own. The tests keep one app context for all their requests, and
    Flask-WTF keeps the page's security token in `g` for the request, so a new browser's
    first page would otherwise reuse the last one's and never store its own."""
    g.pop("csrf_token", None)
    return app.test_client()


def answers_held(app, client, slug, ref):
    """Every answer the browser's draft `ref` holds, saved or carried in to finish."""
    with client.session_transaction() as stored:
        state = dict(stored)
    with app.test_request_context():
        session.update(state)
        draft = drafts.load(slug, ref)
    assert not draft.lost
    return {
        name: value
        for answers in (*draft.steps.values(), *draft.prefill.values())
        for name, value in answers.items()
    }
