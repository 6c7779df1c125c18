"""/api/v1: the same documents, forms and messages as the web journey, as JSON.

A stable contract, described in the README; tests outside the project use it. No CSRF (no
cookies are read), rate limited per client.
"""

from flask import Blueprint, Response, current_app, jsonify, request, stream_with_context
from werkzeug.exceptions import RequestEntityTooLarge

from service import limits
from service.answers import validate_answers
from service.answers_upload import UploadError, read_upload, too_large
from service.bulk import batch as bulk_batch
from service.bulk.output import zip_chunks
from service.bulk.rows import DEFAULT_STATUSES, STATUSES
from service.delivery import pdf
from service.delivery.download import docx_response
from service.documents import document_filename, render_document
from service.extensions import csrf
from service.openapi import openapi_response
from service.rendering import DOCX_MIMETYPE
from service.strict_json import UnreadableJson, read_json

bp = Blueprint("api", __name__, url_prefix="/api/v1")
# Counted by service.limits rather than Flask-Limiter, so that a request for a document is
# counted against RATELIMIT_API and its kind of work together, in one round trip.
bp.before_request(limits.count_api_request)
bp.after_request(limits.add_api_limit_headers)
FORMATS = ("docx", "pdf")
UPLOAD_TYPES = (DOCX_MIMETYPE, "application/octet-stream")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BULK_TYPES = ("text/csv", XLSX_MIMETYPE, "application/zip")


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


@bp.get("/openapi.json")
def openapi():
    """This API as an OpenAPI 3.1 document, made from the catalogue."""
    return openapi_response(bp.url_prefix, FORMATS)


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
    blank = request.args.get("blank", "0")
    if blank not in ("0", "1"):
        return error(400, "blank", "blank must be 1 or 0")
    if blank == "1":
        data = render_document(document, None, blank=True)
        return _deliver(data, document_filename(document, None, blank=True), output)
    if not request.is_json:
        return error(415, "request", "Send the answers as JSON (Content-Type: application/json)")
    try:
        answers = read_json(request.get_data(cache=False))
    except UnreadableJson as unreadable:
        return error(422, "request", str(unreadable))
    if not isinstance(answers, dict):
        return error(422, "request", "The body must be a JSON object of answers")
    validated = validate_answers(document, answers)
    if validated.errors:
        return jsonify({"errors": validated.errors}), 422
    data = render_document(document, validated.answers)
    return _deliver(data, document_filename(document, validated.answers), output)


@bp.post("/answers")
def answers():
    """The answers a .docx the service made carries, read from the body: the file is read
    within UPLOAD_MAX_BYTES and UPLOAD_SECONDS, then dropped; nothing of it is kept or logged."""
    if request.mimetype not in UPLOAD_TYPES:
        return error(
            415, "request", f"Send the Word document as the body (Content-Type: {DOCX_MIMETYPE})"
        )
    # This request may be larger than others (MAX_CONTENT_LENGTH): a Word document, not a form.
    limit = request.max_content_length = current_app.config["UPLOAD_MAX_BYTES"]
    try:
        if (request.content_length or 0) > limit:
            raise too_large()
        try:
            document, answers = read_upload(request.stream)
        except RequestEntityTooLarge:  # a body sent in chunks that ran past the limit
            raise too_large() from None
    except UploadError as refused:
        return jsonify({"errors": refused.errors}), refused.status
    return jsonify({"document": document, "answers": answers})


@bp.post("/documents/<slug>/bulk")
def bulk(slug):
    """A document per row of a register (CSV or XLSX, headed by field names) or per document
    in a ZIP the service made (last term's plans, for their reviews), as a ZIP."""
    document, failure = _document_or_404(slug)
    if failure:
        return failure
    if request.mimetype not in BULK_TYPES:
        return error(415, "request", "Send a CSV (text/csv) or Excel workbook (XLSX) as the body")
    statuses, failure = _statuses(request.args.get("status"))
    if failure:
        return failure
    dry_run = request.args.get("dry_run", "0")
    if dry_run not in ("0", "1"):
        return error(400, "dry_run", "dry_run must be 1 or 0")
    limit = request.max_content_length = current_app.config["BULK_MAX_BYTES"]
    too_big = f"The file is larger than {limit // (1024 * 1024)} MB: split it into smaller files"
    if (request.content_length or 0) > limit:
        return error(413, "request", too_big)
    try:
        data = request.get_data(cache=False)
    except RequestEntityTooLarge:
        return error(413, "request", too_big)
    try:
        batch = bulk_batch.batch_from_file(document, data, statuses=statuses)
    except bulk_batch.BatchError as refused:
        return error(refused.status, "request", refused.message)
    if dry_run == "1":
        return jsonify(_bulk_report(batch))
    if not batch.ready:
        return jsonify(_bulk_report(batch)), 422
    response = Response(stream_with_context(zip_chunks(batch)), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{slug}.zip"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _statuses(value):
    """The census statuses of the pupils to include: K by default, "K,E" and so on, or all."""
    if value is None:
        return DEFAULT_STATUSES, None
    if value == "all":
        return None, None
    chosen = tuple(part.strip().upper() for part in value.split(","))
    if not chosen or any(code not in STATUSES for code in chosen):
        return None, error(400, "status", "status must be all, or codes from K, E and N, like K,E")
    return chosen, None


def _bulk_report(batch):
    """What a dry run says, and a 422 when no row can be made."""
    return {
        "made": len(batch.ready),
        "errors": batch.errors_by_row(),
        "left_out": {skipped.source.key: skipped.reason for skipped in batch.skipped},
    }


def _deliver(data, name, output):
    if output == "docx":
        return docx_response(data, name)
    try:
        return pdf.pdf_response(pdf.converter().convert(data), name)
    except pdf.PdfUnavailableError:
        return error(503, "format", "PDF is not available on this server: ask for docx instead")
    except pdf.PdfFailedError:
        return error(
            503, "format", "The PDF could not be made this time: try again, or ask for docx"
        )


def describe(document):
    """A document as the API lists it: its questions as each describes itself, in the words
    of its first voice (labels that depend on earlier answers take their first form)."""
    return {
        "slug": document.slug,
        "title": document.title,
        "summary": document.summary,
        "audience": list(document.audience),
        "fields": [
            {**field.describe(), "step": step.slug}
            for step in document.steps
            for field in step.prototype().answer_fields()
        ],
    }


def init_app(app):
    csrf.exempt(bp)
    app.register_blueprint(bp)
