"""The start page, the privacy, accessibility and cookies pages, and the error pages.

Errors under /api/ are answered in JSON, in the API's own shape, so a program never has to
read an HTML page; everywhere else a person sees a page that says what to do next.
"""

from flask import Blueprint, current_app, jsonify, render_template, request

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
    groups = current_app.extensions["catalogue"].by_audience()
    return render_template("pages/start.html", groups=groups)


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


def init_app(app):
    app.register_blueprint(bp)
    for code in ERRORS:
        app.register_error_handler(code, _handle_error)
