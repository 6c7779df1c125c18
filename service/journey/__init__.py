"""The guided web journey: step routing, guards, check your answers, done page."""

from flask import current_app, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import MethodNotAllowed, NotFound

from service.extensions import limiter_of
from service.journey import (
    calendar_views,  # noqa: F401 (its route joins the blueprint)
    done_views,
    routing,
    views,
)

PAGE_METHODS = "journey_page_methods"  # app.extensions key: page name -> the methods it takes


def _refuse_unknown_addresses(endpoint, values):
    """404 for a document or step that does not exist, 405 for a page that takes no POST.

    URL value preprocessors run before every before-request hook, so before the CSRF check:
    without this, a POST without a token to `/documents/<slug>/done` (which the step route
    `/documents/<slug>/<step>` also matches, for POST) or to an unknown step reached the
    CSRF handler, whose page for a step could not find one and failed with a 500.
    """
    if not endpoint or not endpoint.startswith("journey.") or not values:
        return
    if "slug" in values and current_app.extensions["catalogue"].get(values["slug"]) is None:
        raise NotFound()
    if endpoint == "journey.step":
        page = values["step"]
        methods = current_app.extensions[PAGE_METHODS].get(page)
        if methods is not None:
            raise MethodNotAllowed(valid_methods=methods)
        if current_app.extensions["catalogue"].get(values["slug"]).step(page) is None:
            raise NotFound()


def _head_as_get(endpoint, _values):
    """HEAD is GET without the body (werkzeug drops it, reading the method from the WSGI
    environ), so a journey view sees it as GET: views that take GET and POST treat every
    other method as a post, and would answer a HEAD as one."""
    if request.method == "HEAD" and endpoint and endpoint.startswith("journey."):
        request.method = "GET"


def _csrf_failed(_error):
    if request.endpoint == "journey.step" and request.method == "POST":
        return views.render_after_csrf_failure()
    if request.endpoint == "journey.email" and request.method == "POST":
        return done_views.render_email_after_csrf_failure(request.view_args["slug"])
    return render_template("errors/timed_out.html"), 400


def _page_methods(app):
    """The methods of the journey's own pages (done, download, ...), by page name: the
    address of each also matches the step route, which takes POST."""
    prefix = f"{routing.bp.url_prefix}/<slug>/"
    return {
        rule.rule.removeprefix(prefix): sorted(rule.methods)
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("journey.")
        and rule.rule.removeprefix(prefix) in routing.RESERVED_SLUGS
    }


def init_app(app):
    for document in app.extensions["catalogue"]:
        clashes = {step.slug for step in document.steps} & routing.RESERVED_SLUGS
        if clashes:
            raise ValueError(f"{document.slug}: step slugs {sorted(clashes)} are reserved")
    limiter_of(app).limit(app.config["RATELIMIT_FORMS"], methods=["POST"])(routing.bp)
    app.register_blueprint(routing.bp)
    routing.init_app(app)
    app.extensions[PAGE_METHODS] = _page_methods(app)
    app.url_value_preprocessor(_refuse_unknown_addresses)
    app.url_value_preprocessor(_head_as_get)
    app.register_error_handler(CSRFError, _csrf_failed)
