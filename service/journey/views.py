"""The guided journey: one generic view per kind of page, for every document type."""

import functools

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
from service.delivery import mail, pdf
from service.delivery.download import docx_response
from service.delivery.preview import preview_html
from service.documents import document_filename, render_document
from service.journey import navigation
from service.journey.sending import email_form, spend_allowance, uk_time
from service.journey.summary import summary_sections
from service.steps import step_form

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


def _resume_url(document, draft, *, change=False, state=None):
    """Where to send someone who cannot be where they asked: the first step left to do."""
    state = state or navigation.progress(document, draft.steps)
    missing = state.first_missing
    if missing is None:
        return url_for("journey.check", slug=document.slug)
    return _step_url(document, missing, change=change)


@bp.get("/<slug>/")
def start(slug):
    document = _document(slug)
    draft = drafts.load(slug)
    return render_template(
        "journey/start.html",
        document=document,
        draft=draft,
        resume_url=_resume_url(document, draft) if draft.steps else None,
        first_url=_step_url(document, document.steps[0]),
    )


@bp.route("/<slug>/<step>", methods=["GET", "POST"])
def step(slug, step):
    document = _document(slug)
    step_class = document.step(step)
    if step_class is None:
        abort(404)
    draft = drafts.load(slug)
    state = navigation.progress(document, draft.steps)
    if not navigation.can_visit(state, step_class.slug):
        return redirect(_resume_url(document, draft, change=_changing(), state=state))
    earlier = state.earlier[step_class.slug]

    if request.method == "GET":
        stored = draft.steps.get(step_class.slug)
        form = step_form(step_class, stored, earlier=earlier)
        if stored is not None and state.first_missing is step_class:
            # Answers given before that an earlier change makes wrong: say what to put right.
            form.validate()
            form.csrf_token.errors = []
        return _render_step(document, form, state)

    form = step_class(earlier=earlier)
    action = request.form.get("action", "continue")
    if action != "continue":
        form.apply_list_action(action)
        form.csrf_token.errors = []
        return _render_step(document, form, state)
    if not form.validate():
        return _render_step(document, form, state)

    draft.steps[step_class.slug] = form.answers()
    drafts.save(draft)
    state = navigation.progress(document, draft.steps)
    if _changing():
        return redirect(_resume_url(document, draft, change=True, state=state))
    following = navigation.next_step(state, step_class.slug)
    if following is None:
        return redirect(url_for("journey.check", slug=slug))
    return redirect(_step_url(document, following))


def _render_step(document, form, state, status=200):
    change = _changing()
    step_class = type(form)
    previous = navigation.previous_step(state, step_class.slug)
    if change:
        back_url = url_for("journey.check", slug=document.slug)
    elif previous is not None:
        back_url = _step_url(document, previous)
    else:
        back_url = url_for("journey.start", slug=document.slug)
    fields = form.fields_asked()
    return (
        render_template(
            "journey/step.html",
            document=document,
            form=form,
            fields=fields,
            error_items=form.error_items(),
            back_url=back_url,
            has_lists=any(field.macro == "list" for field in fields),
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
    state = navigation.progress(document, drafts.load(document.slug).steps)
    form = step_class(earlier=state.earlier.get(step_class.slug, {}))
    form.validate()
    for field in form:
        field.errors = []
    form.csrf_token.errors = [TIMED_OUT]
    return _render_step(document, form, state, status=400)


def finished(view):
    """For pages that need every answer: the view gets the document, its draft and the
    journey's progress (whose `answers` the document is made from), or the user is sent to
    the first step left to do."""

    @functools.wraps(view)
    def guarded(slug, **kwargs):
        document = _document(slug)
        draft = drafts.load(slug)
        state = navigation.progress(document, draft.steps)
        if not state.complete:
            return redirect(_resume_url(document, draft, state=state))
        return view(document, draft, state, **kwargs)

    return guarded


@bp.get("/<slug>/check-answers")
@finished
def check(document, draft, state):
    return render_template(
        "journey/check.html",
        document=document,
        sections=summary_sections(document, draft.steps, state),
        preview=preview_html(render_document(document, state.answers)),
    )


@bp.get("/<slug>/done")
@finished
def done(document, draft, _state):
    slug = document.slug
    # Where the last email went, shown once: the session carries it, encrypted, across the
    # redirect, since the session cookie itself is only signed.
    sealed = session.pop(SENT_KEY, None)
    sent = drafts.unseal(sealed, SENT_MAX_AGE) if sealed else None
    if not isinstance(sent, dict) or sent.get("slug") != slug:
        sent = None
    return _done_page(document, draft, sent=sent)


def _done_page(document, draft, *, pdf_failed=False, form=None, problem=None, sent=None):
    converter = pdf.converter()
    if form is None:
        form = email_form(pdf_available=converter.available)
    return render_template(
        "journey/done.html",
        document=document,
        draft=draft,
        pdf_available=converter.available,
        pdf_failed=pdf_failed,
        mailer=mail.current_mailer(),
        form=form,
        error_items=form.error_items(),
        problem=problem,
        sent=sent,
    )


@bp.route("/<slug>/email", methods=["GET", "POST"])
@finished
def email(document, draft, state):
    slug = document.slug
    if request.method == "GET":  # a refresh or a bookmark: the form lives on the done page
        return redirect(url_for("journey.done", slug=slug))
    mailer = mail.current_mailer()
    converter = pdf.converter()
    form = email_form(pdf_available=converter.available, formdata=request.form)
    if not mailer.available:
        return _done_page(document, draft, form=form, problem="unavailable"), 503
    if not form.validate():
        return _done_page(document, draft, form=form)
    retry_at = spend_allowance(draft.id)
    if retry_at is not None:
        page = _done_page(document, draft, form=form, problem=("limit", uk_time(retry_at)))
        return page, 429

    data = render_document(document, state.answers)
    file_format = form.chosen_format()
    try:
        if file_format == "pdf":
            data = converter.convert(data)
        to, copy_to = form.recipients()
        receipt = mailer.send(mail.document_message(document, data, file_format, to, copy_to))
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        current_app.logger.warning("Email not sent, no PDF: %s", error)
        return _done_page(document, draft, form=form, problem="pdf"), 503
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the addresses.
        current_app.logger.warning("Email not sent: %s", error)
        return _done_page(document, draft, form=form, problem="smtp"), 503
    session[SENT_KEY] = drafts.seal(
        {"slug": slug, "to": list(filter(None, (to, copy_to))), "saved_as": receipt.saved_as}
    )
    return redirect(url_for("journey.done", slug=slug) + "#email-sent")


@finished
def render_email_after_csrf_failure(document, draft, _state):
    """The email form posted with an expired token: the done page again, addresses kept."""
    form = email_form(pdf_available=pdf.converter().available, formdata=request.form)
    form.csrf_token.errors = [TIMED_OUT_EMAIL]
    return _done_page(document, draft, form=form), 400


@bp.get("/<slug>/download")
@finished
def download(document, _draft, state):
    data = render_document(document, state.answers)
    return docx_response(data, document_filename(document, state.answers))


@bp.get("/<slug>/download.pdf")
@finished
def download_pdf(document, draft, state):
    effective = state.answers
    data = render_document(document, effective)
    try:
        converted = pdf.converter().convert(data)
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        # The reason names no answer; the user keeps their answers and the Word download.
        current_app.logger.warning("PDF not made: %s", error)
        return _done_page(document, draft, pdf_failed=True), 503
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
    return render_template("journey/delete.html", document=document, draft=drafts.load(slug))


@bp.get("/<slug>/deleted")
def deleted(slug):
    return render_template("journey/deleted.html", document=_document(slug))
