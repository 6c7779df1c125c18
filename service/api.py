"""/api/v1: the same documents, forms and messages as the web journey, as JSON.

A stable contract (DESIGN.md); tests outside the project use it. No CSRF (no cookies are
read), rate limited per client.
"""

from flask import Blueprint, current_app, jsonify, request

from service.catalogue import unbound_fields, validate_answers
from service.delivery.download import docx_response
from service.documents import document_filename, render_document
from service.extensions import csrf, limiter
from service.fields import (
    DateField,
    GroupField,
    ListField,
    LongTextField,
    MultiChoiceField,
    TextField,
    YesNoField,
)

bp = Blueprint("api", __name__, url_prefix="/api/v1")
FORMATS = ("docx",)


def error(status, field, message):
    return jsonify({"errors": {field: [message]}}), status


def _document_or_404(slug):
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        return None, error(404, "document", f"There is no document called {slug!r}")
    return document, None


@bp.get("/documents")
def documents():
    catalogue = current_app.extensions["catalogue"]
    return jsonify({"documents": [describe(document) for document in catalogue]})


@bp.get("/documents/<slug>/example")
def example(slug):
    document, failure = _document_or_404(slug)
    if failure:
        return failure
    return jsonify(document.example)


@bp.post("/documents/<slug>")
def produce(slug):
    document, failure = _document_or_404(slug)
    if failure:
        return failure
    output = request.args.get("format", "docx")
    if output not in FORMATS:
        return error(400, "format", f"format must be one of: {', '.join(FORMATS)}")
    if request.args.get("blank") == "1":
        data = render_document(document, None, blank=True)
        return docx_response(data, document_filename(document, None, blank=True))
    if not request.is_json:
        return error(415, "request", "Send the answers as JSON (Content-Type: application/json)")
    answers = request.get_json(silent=True)
    if not isinstance(answers, dict):
        return error(422, "request", "The body must be a JSON object of answers")
    validated = validate_answers(document, answers)
    if validated.errors:
        return jsonify({"errors": validated.errors}), 422
    data = render_document(document, validated.answers)
    return docx_response(data, document_filename(document, validated.answers))


def describe(document):
    fields = []
    for step in document.steps:
        for name, unbound in unbound_fields(step):
            if name != "csrf_token":
                fields.append({**describe_field(name, unbound), "step": step.slug})
    return {
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "audience": list(document.audience),
        "fields": fields,
    }


def describe_field(name, unbound):
    kind = unbound.field_class
    kwargs = unbound.kwargs
    label = unbound.args[1] if issubclass(kind, ListField) else unbound.args[0]
    description = {"name": name, "label": label, "type": _type_name(kind), "required": False}
    if issubclass(kind, ListField):
        entry = unbound.args[0]
        description["required"] = bool(_required(unbound, 2))
        if issubclass(entry.field_class, GroupField):
            description["fields"] = [
                describe_field(sub_name, sub) for sub_name, sub in unbound_fields(entry.args[0])
            ]
        else:
            description["items"] = _type_name(entry.field_class)
        return description
    if issubclass(kind, YesNoField):
        description["required"] = bool(_required(unbound, 1))
    elif (
        hasattr(kind, "choice_labels") or "choices" in kwargs or issubclass(kind, MultiChoiceField)
    ):
        choices = kwargs.get("choices") or unbound.args[1]
        description["choices"] = [{"value": value, "label": text} for value, text in choices]
        description["required"] = bool(_required(unbound, 2))
    else:
        description["required"] = bool(_required(unbound, 1))
    return description


def _required(unbound, position):
    if "required" in unbound.kwargs:
        return unbound.kwargs["required"]
    return unbound.args[position] if len(unbound.args) > position else None


def _type_name(kind):
    for klass, name in (
        (ListField, "list"),
        (YesNoField, "boolean"),
        (MultiChoiceField, "multi-choice"),
        (DateField, "date"),
        (LongTextField, "long-text"),
        (TextField, "text"),
    ):
        if issubclass(kind, klass):
            return name
    return "choice"


def _api_limit():
    return current_app.config["RATELIMIT_API"]


def init_app(app):
    csrf.exempt(bp)
    limiter.limit(_api_limit)(bp)
    app.register_blueprint(bp)
