"""The guided journey: one generic view per kind of page, for every document type."""

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from service import drafts
from service.catalogue import step_form
from service.delivery import mail, pdf
from service.delivery.download import docx_response
from service.delivery.preview import preview_html
from service.documents import document_filename, render_document
from service.fields import ListField
from service.journey import navigation
from service.journey.errors import error_summary_items
from service.journey.sending import email_form, spend_allowance, uk_time
from service.journey.summary import summary_sections

bp = Blueprint("journey", __name__, url_prefix="/documents")

RESERVED_SLUGS = {
    "check-answers",
    "done",
    "download",
    "download.pdf",
    "email",
    "blank",
    "delete",
    "deleted",
}
TIMED_OUT_EMAIL = "This page timed out, so we did not send the email. Select Send email again"
SENT_KEY = "email_sent"
SENT_MAX_AGE = 10 * 60  # seconds: the confirmation is for the page right after sending
TIMED_OUT = (
    "This page timed out, so we could not save it. Check your answers on this page and "
    "select Continue"
)


def _document(slug):
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        abort(404)
    return document


def _changing():
    return request.args.get("change") == "1"


def _step_url(document, step, *, change=False):
    args = {"change": "1"} if change else {}
    return url_for("journey.step", slug=document.slug, step=step.slug, **args)


def _resume_url(document, answers, *, change=False):
    """Where to send someone who cannot be where they asked: the first step left to do."""
    missing = navigation.first_missing(document, answers.steps)
    if missing is None:
        return url_for("journey.check", slug=document.slug)
    return _step_url(document, missing, change=change)


@bp.get("/<slug>/")
def start(slug):
    document = _document(slug)
    answers = drafts.load(slug)
    return render_template(
        "journey/start.html",
        document=document,
        answers=answers,
        resume_url=_resume_url(document, answers) if answers.steps else None,
        first_url=_step_url(document, document.steps[0]),
    )


@bp.route("/<slug>/<step>", methods=["GET", "POST"])
def step(slug, step):
    document = _document(slug)
    step_class = document.step(step)
    if step_class is None:
        abort(404)
    answers = drafts.load(slug)
    if not navigation.can_visit(document, answers.steps, step_class.slug):
        return redirect(_resume_url(document, answers, change=_changing()))

    if request.method == "GET":
        form = step_form(step_class, answers.steps.get(step_class.slug))
        return _render_step(document, step_class, form, answers)

    form = step_class()
    action = request.form.get("action", "continue")
    if action != "continue":
        _apply_list_action(form, action)
        form.csrf_token.errors = []
        return _render_step(document, step_class, form, answers)
    if not form.validate():
        return _render_step(document, step_class, form, answers)

    answers.steps[step_class.slug] = form.answers()
    drafts.save(answers)
    if _changing():
        return redirect(_resume_url(document, answers, change=True))
    following = navigation.next_step(document, answers.steps, step_class.slug)
    if following is None:
        return redirect(url_for("journey.check", slug=slug))
    return redirect(_step_url(document, following))


def _apply_list_action(form, action):
    """`add:<field>` or `remove:<field>:<index>` from an add-another list, without JavaScript."""
    verb, _, rest = action.partition(":")
    name, _, index = rest.partition(":")
    field = form._fields.get(name)
    if not isinstance(field, ListField):
        return
    if verb == "add":
        field.add_empty_entry()
    elif verb == "remove" and index.isdigit():
        field.remove_entry(int(index))


def _render_step(document, step_class, form, answers, status=200):
    change = _changing()
    previous = navigation.previous_step(document, answers.steps, step_class.slug)
    if change:
        back_url = url_for("journey.check", slug=document.slug)
    elif previous is not None:
        back_url = _step_url(document, previous)
    else:
        back_url = url_for("journey.start", slug=document.slug)
    fields = [field for field in form if field.name != "csrf_token"]
    return (
        render_template(
            "journey/step.html",
            document=document,
            step=step_class,
            form=form,
            fields=fields,
            error_items=error_summary_items(form),
            back_url=back_url,
            has_lists=any(isinstance(field, ListField) for field in fields),
            action_url=_step_url(document, step_class, change=change),
        ),
        status,
    )


def render_after_csrf_failure():
    """A step posted with an expired or missing security token: show it again with what the
    user typed and a fresh token, instead of an error page that loses their answers."""
    document = _document(request.view_args["slug"])
    step_class = document.step(request.view_args["step"])
    if step_class is None:
        abort(404)
    answers = drafts.load(document.slug)
    form = step_class()
    form.validate()
    for field in form:
        field.errors = []
    form.csrf_token.errors = [TIMED_OUT]
    return _render_step(document, step_class, form, answers, status=400)


def _load_complete(slug):
    """(document, answers, None), or a redirect to the first step left to do as the last."""
    document = _document(slug)
    answers = drafts.load(slug)
    if not navigation.is_complete(document, answers.steps):
        return document, answers, redirect(_resume_url(document, answers))
    return document, answers, None


@bp.get("/<slug>/check-answers")
def check(slug):
    document, answers, unfinished = _load_complete(slug)
    if unfinished:
        return unfinished
    steps = navigation.applicable(document, answers.steps)
    effective = navigation.effective_answers(document, answers.steps)
    return render_template(
        "journey/check.html",
        document=document,
        sections=summary_sections(steps, answers.steps),
        preview=preview_html(render_document(document, effective)),
    )


@bp.get("/<slug>/done")
def done(slug):
    document, answers, unfinished = _load_complete(slug)
    if unfinished:
        return unfinished
    # Where the last email went, shown once: the session carries it, encrypted, across the
    # redirect, since the session cookie itself is only signed.
    sealed = session.pop(SENT_KEY, None)
    sent = drafts.unseal(sealed, SENT_MAX_AGE) if sealed else None
    if not isinstance(sent, dict) or sent.get("slug") != slug:
        sent = None
    return _done_page(document, answers, sent=sent)


def _done_page(document, answers, *, pdf_failed=False, form=None, problem=None, sent=None):
    converter = pdf.converter()
    if form is None:
        form = email_form(pdf_available=converter.available)
    return render_template(
        "journey/done.html",
        document=document,
        answers=answers,
        pdf_available=converter.available,
        pdf_failed=pdf_failed,
        mailer=mail.current_mailer(),
        form=form,
        error_items=error_summary_items(form),
        problem=problem,
        sent=sent,
    )


@bp.route("/<slug>/email", methods=["GET", "POST"])
def email(slug):
    document, answers, unfinished = _load_complete(slug)
    if unfinished:
        return unfinished
    if request.method == "GET":  # a refresh or a bookmark: the form lives on the done page
        return redirect(url_for("journey.done", slug=slug))
    mailer = mail.current_mailer()
    converter = pdf.converter()
    form = email_form(pdf_available=converter.available, formdata=request.form)
    if not mailer.available:
        return _done_page(document, answers, form=form, problem="unavailable"), 503
    if not form.validate():
        return _done_page(document, answers, form=form)
    retry_at = spend_allowance(answers.id)
    if retry_at is not None:
        page = _done_page(document, answers, form=form, problem=("limit", uk_time(retry_at)))
        return page, 429

    effective = navigation.effective_answers(document, answers.steps)
    data = render_document(document, effective)
    file_format = form.chosen_format()
    try:
        if file_format == "pdf":
            data = converter.convert(data)
        to, copy_to = form.recipients()
        receipt = mailer.send(mail.document_message(document, data, file_format, to, copy_to))
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        current_app.logger.warning("Email not sent, no PDF: %s", error)
        return _done_page(document, answers, form=form, problem="pdf"), 503
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the addresses.
        current_app.logger.warning("Email not sent: %s", error)
        return _done_page(document, answers, form=form, problem="smtp"), 503
    session[SENT_KEY] = drafts.seal(
        {"slug": slug, "to": list(filter(None, (to, copy_to))), "saved_as": receipt.saved_as}
    )
    return redirect(url_for("journey.done", slug=slug) + "#email-sent")


def render_email_after_csrf_failure():
    """The email form posted with an expired token: the done page again, addresses kept."""
    document, answers, unfinished = _load_complete(request.view_args["slug"])
    if unfinished:
        return unfinished
    form = email_form(pdf_available=pdf.converter().available, formdata=request.form)
    form.csrf_token.errors = [TIMED_OUT_EMAIL]
    return _done_page(document, answers, form=form), 400


@bp.get("/<slug>/download")
def download(slug):
    document, answers, unfinished = _load_complete(slug)
    if unfinished:
        return unfinished
    effective = navigation.effective_answers(document, answers.steps)
    data = render_document(document, effective)
    return docx_response(data, document_filename(document, effective))


@bp.get("/<slug>/download.pdf")
def download_pdf(slug):
    document, answers, unfinished = _load_complete(slug)
    if unfinished:
        return unfinished
    effective = navigation.effective_answers(document, answers.steps)
    data = render_document(document, effective)
    try:
        converted = pdf.converter().convert(data)
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        # The reason names no answer; the user keeps their answers and the Word download.
        current_app.logger.warning("PDF not made: %s", error)
        return _done_page(document, answers, pdf_failed=True), 503
    return pdf.pdf_response(converted, document_filename(document, effective))


@bp.get("/<slug>/blank")
def blank(slug):
    document = _document(slug)
    data = render_document(document, None, blank=True)
    return docx_response(data, document_filename(document, None, blank=True))


@bp.route("/<slug>/delete", methods=["GET", "POST"])
def delete(slug):
    document = _document(slug)
    if request.method == "POST":
        drafts.delete_for(slug)
        return redirect(url_for("journey.deleted", slug=slug))
    answers = drafts.load(slug)
    return render_template("journey/delete.html", document=document, answers=answers)


@bp.get("/<slug>/deleted")
def deleted(slug):
    return render_template("journey/deleted.html", document=_document(slug))
