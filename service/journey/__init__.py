"""The guided web journey: step routing, guards, check your answers, done page."""

from flask import render_template, request
from flask_wtf.csrf import CSRFError

from service.extensions import limiter_of
from service.journey import views


def _csrf_failed(_error):
    if request.endpoint == "journey.step" and request.method == "POST":
        return views.render_after_csrf_failure()
    if request.endpoint == "journey.email" and request.method == "POST":
        return views.render_email_after_csrf_failure(request.view_args["slug"])
    return render_template("errors/timed_out.html"), 400


def init_app(app):
    for document in app.extensions["catalogue"]:
        clashes = {step.slug for step in document.steps} & views.RESERVED_SLUGS
        if clashes:
            raise ValueError(f"{document.slug}: step slugs {sorted(clashes)} are reserved")
    limiter_of(app).limit(app.config["RATELIMIT_FORMS"], methods=["POST"])(views.bp)
    app.register_blueprint(views.bp)
    app.register_error_handler(CSRFError, _csrf_failed)
