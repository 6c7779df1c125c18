"""A browser that has finished a document's journey, as its session cookie.

The journey's download reads the draft the session cookie names. The cookie is made by the
app itself from its settings and database (for the load test, the same ones its gunicorn
workers use), so each request timed is exactly a returning user's "Download (Word)".
"""

from flask import session

from service import drafts
from service.answers import validate_answers


def finished_draft_cookie(app, slug):
    """The `Cookie` header of a browser whose draft of `slug` holds the example answers,
    each step's as its form cleaned them (as the journey stores them)."""
    document = app.extensions["catalogue"].get(slug)
    with app.test_request_context():
        checked = validate_answers(document, document.example)
        if checked.errors:
            raise ValueError(f"the example answers of {slug} are not valid: {checked.errors}")
        steps = {
            step.slug: {name: checked.answers[name] for name in names if name in checked.answers}
            for step, names in document.answer_names.items()
            if step.should_show(checked.answers)
        }
        draft = drafts.Draft(slug, steps=steps)
        drafts.save(draft)
        value = app.session_interface.get_signing_serializer(app).dumps(dict(session))
    return f"{app.config['SESSION_COOKIE_NAME']}={value}"
