"""The whole-register pages: upload a register (or last term's documents), match its columns,
see every problem by row and column, and download a document per pupil as one ZIP (Word
streamed at once, PDF made in the background with a page that shows how far it has got).

The uploaded file is kept encrypted while these pages need it (service/bulk/jobs.py), for the
browser that uploaded it only, and deleted after the download or within BULK_JOB_MINUTES.
"""

import json
import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    stream_with_context,
    url_for,
)
from werkzeug.exceptions import RequestEntityTooLarge

from service import device, limits
from service.bulk import headers, jobs
from service.bulk.batch import BatchError, batch_from_file, is_document_zip, read_tables
from service.bulk.output import zip_chunks
from service.bulk.rows import DEFAULT_STATUSES, STATUSES
from service.bulk.sources import mapped_sources
from service.bulk.templates import template_csv, template_xlsx
from service.delivery import pdf
from service.delivery.download import safe_filename
from service.fields import InvalidAnswer

bp = Blueprint("bulk", __name__, url_prefix="/whole-register")
UPLOAD_FORM_ROOM = 64 * 1024  # the form around the file: its boundaries and the token
DELETED = "bulk_deleted"  # session flag: the index page says the file was deleted
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def school_documents():
    """The documents a school makes, which a register can fill."""
    return [doc for doc in current_app.extensions["catalogue"] if "school" in doc.audience]


def _document(slug):
    document = current_app.extensions["catalogue"].get(slug)
    if document is None or document not in school_documents():
        abort(404)
    return document


# --- What a job holds: the file and the choices made about it --------------------------------


def _pack(settings, data):
    return json.dumps(settings).encode() + b"\n" + data


def _unpack(payload):
    head, _, data = payload.partition(b"\n")
    return json.loads(head), data


def _job(job_id):
    """This browser's job, with its settings and file; the page about a lost file if not."""
    job = jobs.find(job_id, device.owner())
    if job is None:
        abort(_gone())
    try:
        settings, data = _unpack(jobs.payload(job))
    except jobs.JobGoneError:
        abort(_gone())
    return job, settings, data


def _gone():
    """The page for a register no longer held: downloaded, deleted, expired, or uploaded in
    another browser. A 404, saying why and what to do."""
    return Response(render_template("bulk/gone.html"), 404)


# --- Upload ----------------------------------------------------------------------------------


@bp.route("/", methods=["GET", "POST"])
def index():
    if request.method == "POST":
        limits.spend("bulk")
        errors, status, job = _upload(school_documents())
        if job is not None:
            return redirect(url_for("bulk.columns", job_id=job.id), 303)
        return _index_page(errors, status, chosen=request.form.get("document"))
    return _index_page({}, 200, deleted=session.pop(DELETED, False))


def _index_page(errors, status, *, chosen=None, deleted=False):
    """The upload page. (Not reading the form itself: after a 413 it cannot be read.)"""
    documents = school_documents()
    chosen = chosen or documents[0].slug
    items = [
        {"value": document.slug, "text": document.title, "checked": document.slug == chosen}
        for document in documents
    ]
    page = render_template(
        "bulk/index.html",
        documents=documents,
        document_items=items,
        errors=errors,
        error_items=[{"text": message, "href": f"#{key}"} for key, message in errors.items()],
        deleted=deleted,
    )
    return page, status


def _upload(documents):
    """(errors, status, job): the file held as a new job, or what is wrong with it."""
    slugs = [document.slug for document in documents]
    slug = request.form.get("document")
    errors = {}
    if slug not in slugs:
        errors["document"] = "Select what you want to make"
    file = request.files.get("register")
    if file is None or not file.filename:
        errors["register"] = "Select a CSV or Excel file of your SEN register"
    if errors:
        return errors, 422, None
    data = file.read()
    try:
        if not is_document_zip(data):
            read_tables(data, file.filename)
    except BatchError as refused:
        return {"register": refused.message}, refused.status, None
    settings = {"document": slug, "filename": file.filename, "statuses": list(DEFAULT_STATUSES)}
    owner = device.owner(create=True)
    job = jobs.hold(owner, _pack(settings, data))
    jobs.keep_newest_held(owner)
    return {}, 200, job


def allow_registers(endpoint, _values):
    """A register, not a form: its upload may be far larger than other requests. Set before
    the security token is read from the form."""
    if endpoint == "bulk.index" and request.method == "POST":
        limit = request.max_content_length = current_app.config["BULK_MAX_BYTES"] + UPLOAD_FORM_ROOM
        if (request.content_length or 0) > limit:
            raise RequestEntityTooLarge()


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    if request.endpoint != "bulk.index":
        return error
    size = current_app.config["BULK_MAX_BYTES"] // (1024 * 1024)
    message = f"The file must be smaller than {size} MB. Split the register into smaller files"
    return _index_page({"register": message}, 413)


# --- Columns ---------------------------------------------------------------------------------


@bp.route("/<job_id>/columns", methods=["GET", "POST"])
def columns(job_id):
    job, settings, data = _job(job_id)
    document = _document(settings["document"])
    if is_document_zip(data):
        return redirect(url_for("bulk.check", job_id=job.id), 303)
    register = read_tables(data, settings["filename"])[0]
    mapping = settings.get("mapping") or headers.guess(register.headers, document)
    statuses = settings.get("statuses") or []
    shared = settings.get("shared") or {}
    errors = {}
    if request.method == "POST":
        mapping = [
            request.form.get(f"column-{n}", "") or None for n in range(len(register.headers))
        ]
        statuses = [code for code in request.form.getlist("statuses") if code in STATUSES]
        shared = {name: request.form.get(f"shared-{name}", "") for name in _shared(document)}
        errors = _mapping_errors(document, mapping, statuses)
        errors.update(_shared_errors(document, shared))
        if not errors:
            chosen = {"mapping": mapping, "statuses": statuses, "shared": shared}
            jobs.replace_payload(job, _pack({**settings, **chosen}, data))
            return redirect(url_for("bulk.check", job_id=job.id), 303)
    choices = headers.choices(document, also=[target for target in mapping if target])
    return render_template(
        "bulk/columns.html",
        job=job,
        document=document,
        filename=settings["filename"],
        rows=_column_rows(register, mapping, choices),
        unused=headers.unmapped(register.headers, mapping),
        shared=[_shared_item(document, name, shared) for name in _shared(document)],
        status_items=[
            {"value": code, "text": words[0].upper() + words[1:], "checked": code in statuses}
            for code, words in STATUSES.items()
        ],
        errors=errors,
        error_items=[{"text": m, "href": f"#{k}"} for k, m in errors.items()],
    ), (422 if errors else 200)


def _mapping_errors(document, mapping, statuses):
    errors = {}
    for number, target in enumerate(mapping):
        if target and not headers.is_target(document, target):
            errors[f"column-{number}"] = f"Choose what column {number + 1} holds"
    for target in headers.repeated(mapping):
        number = len(mapping) - 1 - mapping[::-1].index(target)
        label = headers.label_for(document, target)
        errors.setdefault(
            f"column-{number}",
            f"Only one column can be '{label}': choose 'Do not use this column' for the other",
        )
    named = {"child_name", *headers.NAME_PARTS} & set(mapping)
    if not named and not errors:
        errors["column-0"] = "Choose the column or columns that hold the pupil's name"
    if not statuses:
        errors["statuses"] = "Select which pupils to make documents for"
    return errors


def _shared_item(document, name, shared):
    field = document.question_fields[name]
    return {
        "name": name,
        "label": headers.label_for(document, name),
        "value": shared.get(name, ""),
        "date": field.type_name == "date",
    }


def _shared(document):
    return [name for name in document.bulk_shared if name in document.question_names]


def _shared_errors(document, shared):
    """A value given once for every pupil that cannot be read at all (a date that is not a
    date); the rest is checked with each pupil's row."""
    errors = {}
    for name, value in shared.items():
        try:
            document.question_fields[name].from_flat({name: value})
        except InvalidAnswer as refused:
            errors[f"shared-{name}"] = str(refused)
    return errors


def _column_rows(register, mapping, choices):
    rows = []
    for number, heading in enumerate(register.headers):
        examples = list(
            dict.fromkeys(row.cells[number] for row in register.rows if row.cells[number])
        )[:2]  # two different values, to tell the column by
        rows.append(
            {
                "id": f"column-{number}",
                "heading": heading,
                "examples": examples,
                "options": [
                    {"value": value, "text": label, "selected": value == (mapping[number] or "")}
                    for value, label in choices
                ],
            }
        )
    return rows


# --- Check, download -------------------------------------------------------------------------


def _batch(settings, data, document):
    statuses = tuple(settings.get("statuses") or DEFAULT_STATUSES)
    if statuses == tuple(STATUSES):
        statuses = None
    mapping, shared = settings.get("mapping"), settings.get("shared")
    sources = None
    if mapping is not None:
        sources = lambda tables: mapped_sources(document, tables, mapping, shared)  # noqa: E731
    return batch_from_file(
        document, data, filename=settings["filename"], statuses=statuses, sources=sources
    )


@bp.get("/<job_id>/check")
def check(job_id):
    limits.spend("bulk")  # every row checked again: work as dear as making them
    job, settings, data = _job(job_id)
    document = _document(settings["document"])
    if job.status != jobs.HELD:
        return redirect(url_for("bulk.progress", job_id=job.id), 303)
    try:
        batch = _batch(settings, data, document)
    except BatchError as refused:
        return render_template("bulk/unusable.html", message=refused.message, job=job), 422
    return render_template(
        "bulk/check.html",
        job=job,
        document=document,
        filename=settings["filename"],
        batch=batch,
        from_documents=is_document_zip(data),
        pdf_available=pdf.converter().available,
    )


def _zip_name(document):
    return safe_filename(f"{document.title}s", "zip")


@bp.get("/<job_id>/documents.zip")
def download(job_id):
    """Every pupil's Word document, streamed as it is made; the file is deleted once the
    whole ZIP has gone."""
    limits.spend("bulk")
    job, settings, data = _job(job_id)
    document = _document(settings["document"])
    batch = _batch(settings, data, document)
    if not batch.ready:
        return redirect(url_for("bulk.check", job_id=job.id), 303)

    def chunks():
        yield from zip_chunks(batch)
        jobs.delete(job)

    response = Response(stream_with_context(chunks()), mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{_zip_name(document)}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<job_id>/pdf")
def make_pdfs(job_id):
    limits.spend("bulk")
    job, settings, data = _job(job_id)
    document = _document(settings["document"])
    if job.status == jobs.RUNNING:
        return redirect(url_for("bulk.progress", job_id=job.id), 303)
    batch = _batch(settings, data, document)
    if not batch.ready:
        return redirect(url_for("bulk.check", job_id=job.id), 303)
    jobs.start(job, _pdf_work(document), len(batch.ready), result_name=_zip_name(document))
    return redirect(url_for("bulk.progress", job_id=job.id), 303)


BUSY_TRIES = 5  # a register's PDFs wait their turn behind the web's, rather than fail


def _pdf_work(document):
    """The background work: every document as PDF, through the bounded LibreOffice pool."""

    def work(payload, progress):
        settings, data = _unpack(payload)
        batch = _batch(settings, data, document)
        converter = pdf.converter()
        return b"".join(
            zip_chunks(
                batch,
                convert=lambda docx: (_converted(converter, docx), "pdf"),
                progress=lambda done, _total: progress(done),
            )
        )

    return work


def _converted(converter, docx):
    """The PDF, waiting for a converter when people on the web are using them all."""
    for tries_left in reversed(range(BUSY_TRIES)):
        try:
            return converter.convert(docx)
        except pdf.PdfBusyError:
            if not tries_left:
                raise
            time.sleep(1)
    raise AssertionError("unreachable")


def _found(job_id):
    """This browser's job, without reading its file: pages that only show how far it got
    must not decrypt a whole register each time they are looked at."""
    job = jobs.find(job_id, device.owner())
    if job is None:
        abort(_gone())
    return job


@bp.get("/<job_id>/progress")
def progress(job_id):
    job = _found(job_id)
    made = (job.result_name or "").removesuffix(".zip") or "documents"
    return render_template("bulk/progress.html", job=job, made=made)


@bp.get("/<job_id>/pdfs.zip")
def download_pdfs(job_id):
    job = _found(job_id)
    if job.status != jobs.DONE:
        return redirect(url_for("bulk.progress", job_id=job.id), 303)
    data, name = jobs.take_result(job)
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/<job_id>/delete")
def delete(job_id):
    job = jobs.find(job_id, device.owner())
    if job is not None:
        jobs.delete(job)
    session[DELETED] = True
    return redirect(url_for("bulk.index"), 303)


# --- Templates -------------------------------------------------------------------------------


@bp.get("/template/<slug>.csv")
def template_as_csv(slug):
    document = _document(slug)
    response = Response(template_csv(document), mimetype="text/csv")
    name = safe_filename(f"{document.title} register template", "csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@bp.get("/template/<slug>.xlsx")
def template_as_xlsx(slug):
    document = _document(slug)
    response = Response(template_xlsx(document), mimetype=XLSX_MIMETYPE)
    name = safe_filename(f"{document.title} register template", "xlsx")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def init_app(app):
    app.register_blueprint(bp)
    app.url_value_preprocessor(allow_registers)
