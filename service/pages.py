"""The start page, "Which document do I need?", the privacy, accessibility and cookies pages,
and the error pages.

Errors under /api/ are answered in JSON, in the API's own shape, so a program never has to
read an HTML page; everywhere else a person sees a page that says what to do next.
"""

from flask import Blueprint, abort, current_app, jsonify, render_template, request, url_for
from werkzeug.utils import import_string

from service import drafts

bp = Blueprint("pages", __name__)

API_PREFIX = "/api/"

# Status -> (template, message for API clients). The pages say the same in more words.
ERRORS = {
    400: ("errors/400.html", "The request could not be understood"),
    404: ("errors/404.html", "There is nothing at this address"),
    405: ("errors/405.html", "This address does not accept that kind of request"),
    413: ("errors/413.html", "The request was too large"),
    415: ("errors/400.html", "The request was sent in a form this address does not accept"),
    429: ("errors/429.html", "Too many requests: wait a minute, then try again"),
    500: ("errors/500.html", "Something went wrong on our side: try again later"),
    503: ("errors/503.html", "The service is busy: try again in a minute"),
}


@bp.get("/")
def start():
    catalogue = current_app.extensions["catalogue"]
    return render_template(
        "pages/start.html",
        sections=catalogue.sections(),
        guide=current_app.extensions["guide"],
        catalogue=catalogue,
        started=_started_rows(catalogue),
    )


@bp.get("/which-document")
def which_document():
    """One question a page, as a GET form: the answers so far ride in the query string, so
    each page has its own address and the browser's Back button just works."""
    guide = current_app.extensions["guide"]
    if guide is None:
        abort(404)
    position = guide.walk(request.args)
    catalogue = current_app.extensions["catalogue"]
    back = (
        url_for("pages.which_document", **position.query_to_change(position.answered[-1][0].key))
        if position.answered
        else url_for("pages.start")
    )
    if position.recommendation is not None:
        return render_template(
            "pages/recommendation.html",
            recommendation=position.recommendation,
            document=catalogue.get(position.recommendation.document),
            rows=_answer_rows(position),
            back=back,
        )
    question = position.question
    error_items = [{"text": position.error, "href": f"#{question.key}"}] if position.error else []
    items = [
        {"value": c.value, "text": c.label, "hint": {"text": c.hint} if c.hint else None}
        for c in question.choices
    ]
    return render_template(
        "pages/question.html",
        position=position,
        question=question,
        items=items,
        back=back,
        error_items=error_items,
    )


@bp.get("/privacy")
def privacy():
    return render_template(
        "pages/privacy.html", privacy_contact=current_app.config.get("PRIVACY_CONTACT")
    )


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html", issues_url=_issues_url())


@bp.get("/cookies")
def cookies():
    return render_template("pages/cookies.html")


def _issues_url():
    """Where to report a problem; only a web address (http or https) is used as a link."""
    url = current_app.config.get("ISSUES_URL") or ""
    return url if url.startswith(("https://", "http://")) else None


def _handle_error(error):
    code = getattr(error, "code", None) or 500
    template, message = ERRORS.get(code, ERRORS[500])
    if request.path.startswith(API_PREFIX):
        response = jsonify({"errors": {"request": [message]}})
    else:
        response = current_app.make_response(render_template(template))
    response.status_code = code
    # Keep what the error says about itself, such as `Allow` on a 405 or `Retry-After`.
    for name, value in _error_headers(error):
        if name.lower() != "content-type":
            response.headers[name] = value
    return response


def _error_headers(error):
    get_headers = getattr(error, "get_headers", None)
    if get_headers is None:
        return []
    return get_headers()


def _started_rows(catalogue):
    """Documents this browser holds, as summary list rows: until when, and links to carry on
    or to delete them (which matters most on a shared device)."""
    rows = []
    for draft in drafts.held():
        document = catalogue.get(draft.document)
        if document is None:
            continue
        rows.append(
            {
                "key": {"text": document.title},
                "value": {"text": f"Kept until {draft.expires_at:%-d %B %Y}"},
                "actions": {
                    "items": [
                        {
                            "href": url_for("cases.your_documents") + f"#{draft.ref}",
                            "text": "Continue",
                            "visuallyHiddenText": document.title,
                        },
                        {
                            "href": url_for("journey.delete", slug=document.slug, draft=draft.ref),
                            "text": "Delete",
                            "visuallyHiddenText": f"your answers for {document.title}",
                        },
                    ]
                },
            }
        )
    return rows


def _answer_rows(position):
    """The answers that led to a recommendation, as summary list rows with Change links."""
    return [
        {
            "key": {"text": question.text},
            "value": {"text": choice.label},
            "actions": {
                "items": [
                    {
                        "href": url_for(
                            "pages.which_document", **position.query_to_change(question.key)
                        ),
                        "text": "Change",
                        "visuallyHiddenText": f"your answer to ‘{question.text}’",
                    }
                ]
            },
        }
        for question, choice in position.answered
    ]


def _guide(app):
    """The guide the configuration names, cut to the documents this copy offers."""
    name = app.config.get("GUIDE")
    if not name:
        return None
    return import_string(name).for_documents(app.extensions["catalogue"].documents)


def init_app(app):
    app.extensions["guide"] = _guide(app)
    app.register_blueprint(bp)
    for code in ERRORS:
        app.register_error_handler(code, _handle_error)
