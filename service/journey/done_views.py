"""The done page and its email forms: confirm the writer's own address with a security
code, then send the document.

Every post about email ends in a redirect (303, post/redirect/get), whatever happens, so Back
and Refresh never offer to post it again. What did not go leaves what was typed, its errors
and the problem for the page after the redirect (email_outcome.py), which shows them once
with a 200: a Retry-After cannot survive a redirect, so the pages say when to try again.
"""

import datetime

from flask import current_app, redirect, render_template, request, session, url_for

from service import drafts, limits
from service.calendar_file import reminders_for
from service.cases import entries
from service.delivery import mail, pdf
from service.documents import render_document
from service.journey import email_outcome, sending
from service.journey.routing import bp, finished
from service.journey.sending import CodeCheck, email_form, uk_time
from service.organisations import usage

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
# A code that can no longer be used: its page opens the way to a new one.
NEED_NEW_CODE = {CODE_ERRORS[CodeCheck.EXPIRED], CODE_ERRORS[CodeCheck.TOO_MANY]}
SENT_KEY = "email_sent"
SENT_MAX_AGE = 10 * 60  # seconds: the confirmation is for the page right after sending


@bp.get("/<slug>/done")
@finished
def done(document, draft, state):
    slug = document.slug
    usage.mark_made(draft)
    # Where the last email went, shown once: the session carries it, encrypted, across the
    # redirect, since the session cookie itself is only signed.
    sealed = session.pop(SENT_KEY, None)
    sent = drafts.unseal(sealed, SENT_MAX_AGE) if sealed else None
    if not isinstance(sent, dict) or sent.get("slug") != slug:
        sent = None
    outcome = email_outcome.take(slug, "done") or email_outcome.Outcome()
    pdf_available = pdf.converter().available
    writer = sending.confirmed_writer(draft)
    form = address_form = None
    if outcome.form == "send":
        form = outcome.filled(
            lambda data: email_form(pdf_available=pdf_available, formdata=data, writer=writer)
        )
    elif outcome.form == "address":
        address_form = outcome.filled(lambda data: sending.writer_form(formdata=data))
    return done_page(
        document,
        draft,
        form=form,
        address_form=address_form,
        problem=outcome.problem,
        retry_at=outcome.retry_at,
        problem_details=outcome.flags,
        sent=sent,
        answers=state.answers,
        changing_address=request.args.get("email") == "change" or outcome.form == "address",
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
    problem_details=None,
    sent=None,
    answers=None,
    changing_address=False,
):
    """The done page. Its email section asks for the writer's own address until they have
    confirmed one for this draft (or ask to change it), and then offers the send form."""
    converter = pdf.converter()
    writer = sending.confirmed_writer(draft)
    if form is None:
        form = email_form(pdf_available=converter.available, writer=writer)
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
        writer_name=sending.writer_name(answers),
        reply_to=sending.reply_address(writer, answers) if writer else None,
        pending=sending.pending_code(draft),
        error_items=(address_form if asking else form).error_items(),
        problem=problem,
        retry_at=retry_at,
        problem_details=problem_details or {},
        sent=sent,
        reminders=reminders_for(document, answers),
        next_documents=_next_documents(document, draft, answers),
    )


def _next_documents(document, draft, answers):
    """The documents this one can lead to, each a (link text, address) starting it with the
    answers that carry: "No reply by 15 December 2026? Write a formal complaint"."""
    if answers is None or not draft.is_saved:
        return []
    passed, offered = entries.follow_on_offers(document, draft, answers)
    return [offer for _reminder, offers in passed for offer in offers] + offered


def _code_page(document, pending, *, form=None, problem=None, retry_at=None, new_code=False):
    """'Check your email': the box for the security code. `new_code`: one was just sent
    again. When this code can no longer be used, the way to a new one is shown open."""
    form = form or sending.code_form()
    need_new_code = any(message in NEED_NEW_CODE for message in form.code.errors or ())
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
    return _see(url_for("journey.done", slug=document.slug) + "#email")


def _see(url):
    """A post's answer: the page to GET next (303 See Other)."""
    return redirect(url, 303)


def _done_again(document, **outcome):
    """Back to the done page, leaving it the post's outcome to show."""
    email_outcome.keep(document.slug, "done", **outcome)
    return _see(url_for("journey.done", slug=document.slug))


def _check_email_again(document, **outcome):
    email_outcome.keep(document.slug, "check-email", **outcome)
    return _see(url_for("journey.check_email", slug=document.slug))


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
        return _send_first_code(document, draft)
    if action == "new-code":
        return _send_new_code(document, draft)
    if action == "confirm":
        return _confirm_code(document, draft)
    return _send_document(document, draft, state)


def _send_first_code(document, draft):
    """'Your email address' on the done page: a code goes to it, then 'Check your email'."""
    address_form = sending.writer_form(formdata=request.form)

    def again(problem=None, retry_at=None):
        return _done_again(
            document, form=address_form, kind="address", problem=problem, retry_at=retry_at
        )

    if not mail.current_mailer().available:
        return again("unavailable")
    if not address_form.validate():
        return again()
    return _deliver_code(document, draft, address_form.your_email.data, again)


def _send_new_code(document, draft):
    """'Send a new code' on the 'Check your email' page, to the address waiting for one."""
    pending = sending.pending_code(draft)
    if pending is None:
        return _email_section(document)

    def again(problem=None, retry_at=None):
        return _check_email_again(document, problem=problem, retry_at=retry_at)

    return _deliver_code(document, draft, pending.address, again, new=True)


def _deliver_code(document, draft, address, again, *, new=False):
    try:
        refusal = sending.send_code(draft, address)
    except mail.EmailUnavailableError:
        return again("unavailable")
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the address.
        current_app.logger.warning("Security code not sent: %s", error)
        return again("code-smtp")
    if refusal is not None:
        return again("daily" if refusal.daily else "code-limit", uk_time(refusal.retry_at))
    args = {"code": "new"} if new else {}
    return _see(url_for("journey.check_email", slug=document.slug, **args))


@bp.get("/<slug>/check-email")
@finished
def check_email(document, draft, _state):
    pending = sending.pending_code(draft)
    outcome = email_outcome.take(document.slug, "check-email") or email_outcome.Outcome()
    if pending is None:  # confirmed already, or no code asked for: the email section
        return _email_section(document)
    form = None
    if outcome.form == "code":
        form = outcome.filled(lambda data: sending.code_form(formdata=data))
    return _code_page(
        document,
        pending,
        form=form,
        problem=outcome.problem,
        retry_at=outcome.retry_at,
        new_code=request.args.get("code") == "new",
    )


def _confirm_code(document, draft):
    pending = sending.pending_code(draft)
    if pending is None:
        return _email_section(document)
    form = sending.code_form(formdata=request.form)
    if not form.validate():
        return _check_email_again(document, form=form, kind="code")
    result = sending.check_code(draft, form.code.data)
    if result in (CodeCheck.CONFIRMED, CodeCheck.MISSING):
        return _email_section(document)
    form.code.errors = [CODE_ERRORS[result]]
    return _check_email_again(document, form=form, kind="code")


def _send_document(document, draft, state):
    mailer = mail.current_mailer()
    converter = pdf.converter()
    writer = sending.confirmed_writer(draft)
    form = email_form(pdf_available=converter.available, formdata=request.form, writer=writer)

    def again(problem=None, retry_at=None):
        return _done_again(document, form=form, kind="send", problem=problem, retry_at=retry_at)

    if not mailer.available:
        return again("unavailable")
    if writer is None:  # a post that skipped the code (or a session that lost it)
        suggested = sending.suggested_address(draft, state.answers)
        address_form = sending.writer_form(suggested=suggested)
        address_form.your_email.errors = [NOT_CONFIRMED]
        return _done_again(document, form=address_form, kind="address")
    if not form.validate():
        return again()
    file_format = form.chosen_format()
    to, copies = form.recipients(writer)
    # A PDF by email is PDF work like a download: counted first, so a refusal costs no email.
    wait = limits.try_spend("pdf", limits.journey_draft_id()) if file_format == "pdf" else None
    if wait is not None:
        retry_at = datetime.datetime.now(sending.UK) + datetime.timedelta(seconds=wait)
        return again("pdf-limit", uk_time(retry_at))
    emails = sending.addresses_typed(to, copies, writer)
    refusal = sending.spend_allowance(draft.id, emails)
    if refusal is not None:
        return _refused(document, form, refusal, emails)

    data = render_document(document, state.answers)
    try:
        if file_format == "pdf":
            data = converter.convert(data)
        message = mail.document_message(
            document,
            data,
            file_format,
            to,
            copies,
            writer=writer,
            reply_to=sending.reply_address(writer, state.answers),
            writer_name=sending.writer_name(state.answers),
        )
        receipt = mailer.send(message)
    except pdf.PdfBusyError:
        current_app.logger.warning("Email not sent: every PDF converter is busy")
        return again("busy")
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        current_app.logger.warning("Email not sent, no PDF: %s", error)
        return again("pdf")
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the addresses.
        current_app.logger.warning("Email not sent: %s", error)
        return again("smtp")
    usage.count_for(draft, "emailed")
    session[SENT_KEY] = drafts.seal(
        {"slug": document.slug, "to": [to, *copies], "saved_as": receipt.saved_as}
    )
    return _see(url_for("journey.done", slug=document.slug) + "#email-sent")


def _refused(document, form, refusal, emails):
    """A limit stopped the email. When some of its addresses could go now, say how many, so
    the writer can choose which; else say when it can go."""
    retry_at = uk_time(refusal.retry_at)
    if emails > 1 and refusal.room > 0:
        kind = "addresses-limit"
    else:
        kind = "daily" if refusal.daily else "limit"
    return _done_again(
        document,
        form=form,
        kind="send",
        problem=kind,
        retry_at=retry_at,
        room=refusal.room,
        later=emails <= refusal.most,
    )


@finished
def render_email_after_csrf_failure(document, draft, state):
    """A form about email posted with an expired token: its page again, with what was typed
    and a fresh token. This one answers the post itself (400) rather than redirecting: a
    post without a valid token must not write to the session, and carrying what was typed
    across a redirect would."""
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
    form = email_form(
        pdf_available=pdf.converter().available,
        formdata=request.form,
        writer=sending.confirmed_writer(draft),
    )
    form.csrf_token.errors = [TIMED_OUT_EMAIL]
    return done_page(document, draft, form=form, answers=state.answers), 400
