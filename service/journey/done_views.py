"""The done page and its email forms: confirm the writer's own address with a security
code, then send the document."""

import datetime
import math
import time

from flask import current_app, redirect, render_template, request, session, url_for

from service import drafts, limits
from service.delivery import mail, pdf
from service.documents import render_document
from service.journey import sending
from service.journey.routing import bp, finished
from service.journey.sending import CodeCheck, email_form, uk_time

TIMED_OUT_EMAIL = "This page timed out, so we did not send the email. Select Send email again"
TIMED_OUT_SEND_CODE = (
    "This page timed out, so we did not send a security code. Select Send a security code again"
)
TIMED_OUT_CODE = "This page timed out, so we did not check the code. Select Continue again"
TIMED_OUT_NEW_CODE = (
    "This page timed out, so we did not send a new code. Select Send a new code again"
)
NOT_CONFIRMED = (
    "Enter your email address and confirm it with a security code before we send the document"
)
CODE_ERRORS = {
    CodeCheck.WRONG: "The security code is not right. Check the code in the email and try again",
    CodeCheck.EXPIRED: "The security code has expired. Send a new code and enter that one",
    CodeCheck.TOO_MANY: (
        "You have entered a wrong code too many times. Send a new code and enter that one"
    ),
}
SENT_KEY = "email_sent"
SENT_MAX_AGE = 10 * 60  # seconds: the confirmation is for the page right after sending


@bp.get("/<slug>/done")
@finished
def done(document, draft, state):
    slug = document.slug
    # Where the last email went, shown once: the session carries it, encrypted, across the
    # redirect, since the session cookie itself is only signed.
    sealed = session.pop(SENT_KEY, None)
    sent = drafts.unseal(sealed, SENT_MAX_AGE) if sealed else None
    if not isinstance(sent, dict) or sent.get("slug") != slug:
        sent = None
    return done_page(
        document,
        draft,
        sent=sent,
        answers=state.answers,
        changing_address=request.args.get("email") == "change",
    )


def done_page(
    document,
    draft,
    *,
    pdf_failed=False,
    form=None,
    address_form=None,
    problem=None,
    retry_at=None,
    sent=None,
    answers=None,
    changing_address=False,
):
    """The done page. Its email section asks for the writer's own address until they have
    confirmed one for this draft (or ask to change it), and then offers the send form."""
    converter = pdf.converter()
    if form is None:
        form = email_form(pdf_available=converter.available)
    writer = sending.confirmed_writer(draft)
    if address_form is None:
        address_form = sending.writer_form(suggested=sending.suggested_address(draft, answers))
    asking = writer is None or changing_address or bool(address_form.errors)
    return render_template(
        "journey/done.html",
        document=document,
        draft=draft,
        pdf_available=converter.available,
        pdf_failed=pdf_failed,
        mailer=mail.current_mailer(),
        form=form,
        address_form=address_form,
        asking_address=asking,
        writer=writer,
        pending=sending.pending_code(draft),
        error_items=(address_form if asking else form).error_items(),
        problem=problem,
        retry_at=retry_at,
        sent=sent,
    )


def _code_page(
    document,
    pending,
    *,
    form=None,
    problem=None,
    retry_at=None,
    new_code=False,
    need_new_code=False,
):
    """'Check your email': the box for the security code. `new_code`: one was just sent
    again; `need_new_code`: this one can no longer be used."""
    form = form or sending.code_form()
    return render_template(
        "journey/check_email.html",
        document=document,
        pending=pending,
        expires=uk_time(pending.expires_at),
        form=form,
        error_items=form.error_items(),
        problem=problem,
        retry_at=retry_at,
        pdf_available=pdf.converter().available,
        new_code=new_code,
        need_new_code=need_new_code,
    )


def _email_section(document):
    return redirect(url_for("journey.done", slug=document.slug) + "#email")


def _refused(page, refusal):
    """A limit stopped an email. The whole service's daily cap is the service being
    unavailable (503); one user's limit is theirs (429). Both say when to try again."""
    wait = max(1, math.ceil(refusal.retry_at.timestamp() - time.time()))
    return page, 503 if refusal.daily else 429, {"Retry-After": str(wait)}


@bp.route("/<slug>/email", methods=["GET", "POST"])
@finished
def email(document, draft, state):
    """Every form about email posts here, naming what it is for in `action`: sending a
    security code to the writer, a new code, the code typed back, or the document. One
    address, so a timed-out security token on any of them is caught in one place
    (`render_email_after_csrf_failure`), keeping what was typed."""
    if request.method == "GET":  # a refresh or a bookmark: the forms live on the done page
        return redirect(url_for("journey.done", slug=document.slug))
    action = request.form.get("action", "send")
    if action == "send-code":
        return _send_first_code(document, draft, state)
    if action == "new-code":
        return _send_new_code(document, draft)
    if action == "confirm":
        return _confirm_code(document, draft)
    return _send_document(document, draft, state)


def _send_first_code(document, draft, state):
    """'Your email address' on the done page: a code goes to it, then 'Check your email'."""
    address_form = sending.writer_form(formdata=request.form)

    def page(problem=None, retry_at=None):
        return done_page(
            document,
            draft,
            address_form=address_form,
            problem=problem,
            retry_at=retry_at,
            answers=state.answers,
            changing_address=True,
        )

    if not mail.current_mailer().available:
        return page("unavailable"), 503
    if not address_form.validate():
        return page()
    return _deliver_code(document, draft, address_form.your_email.data, page)


def _send_new_code(document, draft):
    """'Send a new code' on the 'Check your email' page, to the address waiting for one."""
    pending = sending.pending_code(draft)
    if pending is None:
        return _email_section(document)

    def page(problem=None, retry_at=None):
        return _code_page(document, pending, problem=problem, retry_at=retry_at)

    return _deliver_code(document, draft, pending.address, page, new=True)


def _deliver_code(document, draft, address, page, *, new=False):
    try:
        refusal = sending.send_code(draft, address)
    except mail.EmailUnavailableError:
        return page("unavailable"), 503
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the address.
        current_app.logger.warning("Security code not sent: %s", error)
        return page("code-smtp"), 503
    if refusal is not None:
        kind = "daily" if refusal.daily else "code-limit"
        return _refused(page(kind, uk_time(refusal.retry_at)), refusal)
    args = {"code": "new"} if new else {}
    return redirect(url_for("journey.check_email", slug=document.slug, **args))


@bp.get("/<slug>/check-email")
@finished
def check_email(document, draft, _state):
    pending = sending.pending_code(draft)
    if pending is None:  # confirmed already, or no code asked for: the email section
        return _email_section(document)
    return _code_page(document, pending, new_code=request.args.get("code") == "new")


def _confirm_code(document, draft):
    pending = sending.pending_code(draft)
    if pending is None:
        return _email_section(document)
    form = sending.code_form(formdata=request.form)
    if not form.validate():
        return _code_page(document, pending, form=form)
    result = sending.check_code(draft, form.code.data)
    if result in (CodeCheck.CONFIRMED, CodeCheck.MISSING):
        return _email_section(document)
    form.code.errors = [CODE_ERRORS[result]]
    page = _code_page(document, pending, form=form, need_new_code=result is not CodeCheck.WRONG)
    return page, 429 if result is CodeCheck.TOO_MANY else 200


def _send_document(document, draft, state):
    mailer = mail.current_mailer()
    converter = pdf.converter()
    form = email_form(pdf_available=converter.available, formdata=request.form)

    def page(problem=None, retry_at=None, address_form=None):
        return done_page(
            document,
            draft,
            form=form,
            address_form=address_form,
            problem=problem,
            retry_at=retry_at,
            answers=state.answers,
        )

    if not mailer.available:
        return page("unavailable"), 503
    writer = sending.confirmed_writer(draft)
    if writer is None:  # a post that skipped the code (or a session that lost it)
        suggested = sending.suggested_address(draft, state.answers)
        address_form = sending.writer_form(suggested=suggested)
        address_form.your_email.errors = [NOT_CONFIRMED]
        return page(address_form=address_form), 403
    if not form.validate():
        return page()
    file_format = form.chosen_format()
    # A PDF by email is PDF work like a download: counted first, so a refusal costs no email.
    wait = limits.try_spend("pdf", draft.id) if file_format == "pdf" else None
    if wait is not None:
        retry_at = datetime.datetime.now(sending.UK) + datetime.timedelta(seconds=wait)
        return page("pdf-limit", uk_time(retry_at)), 429, {"Retry-After": str(wait)}
    refusal = sending.spend_allowance(draft.id)
    if refusal is not None:
        kind = "daily" if refusal.daily else "limit"
        return _refused(page(kind, uk_time(refusal.retry_at)), refusal)

    data = render_document(document, state.answers)
    to, copy_to = form.recipients(writer)
    try:
        if file_format == "pdf":
            data = converter.convert(data)
        message = mail.document_message(document, data, file_format, to, copy_to, writer=writer)
        receipt = mailer.send(message)
    except pdf.PdfBusyError as busy:
        current_app.logger.warning("Email not sent: every PDF converter is busy")
        return page("busy"), 503, {"Retry-After": str(busy.retry_after)}
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        current_app.logger.warning("Email not sent, no PDF: %s", error)
        return page("pdf"), 503
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the addresses.
        current_app.logger.warning("Email not sent: %s", error)
        return page("smtp"), 503
    sent_to = list(filter(None, (to, copy_to)))
    session[SENT_KEY] = drafts.seal(
        {"slug": document.slug, "to": sent_to, "saved_as": receipt.saved_as}
    )
    return redirect(url_for("journey.done", slug=document.slug) + "#email-sent")


@finished
def render_email_after_csrf_failure(document, draft, state):
    """A form about email posted with an expired token: its page again, with what was typed
    and a fresh token."""
    action = request.form.get("action", "send")
    if action in ("confirm", "new-code"):
        pending = sending.pending_code(draft)
        if pending is None:
            return _email_section(document)
        form = sending.code_form(formdata=request.form)
        form.csrf_token.errors = [TIMED_OUT_CODE if action == "confirm" else TIMED_OUT_NEW_CODE]
        return _code_page(document, pending, form=form), 400
    if action == "send-code":
        address_form = sending.writer_form(formdata=request.form)
        address_form.csrf_token.errors = [TIMED_OUT_SEND_CODE]
        page = done_page(
            document, draft, address_form=address_form, answers=state.answers, changing_address=True
        )
        return page, 400
    form = email_form(pdf_available=pdf.converter().available, formdata=request.form)
    form.csrf_token.errors = [TIMED_OUT_EMAIL]
    return done_page(document, draft, form=form, answers=state.answers), 400
