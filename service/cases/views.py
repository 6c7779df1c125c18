"""Your documents: every draft this browser holds, and what can be done with each; coming
back on another device; starting the next document; clearing the device."""

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from werkzeug.exceptions import RequestEntityTooLarge

from service import dates, device, drafts
from service.answers_upload import UploadError, read_upload, too_large
from service.carry import carried_answers, draft_steps
from service.cases import entries, return_links
from service.cases.forms import NameForm, ReturnLinkForm, UploadForm, next_document_form
from service.delivery import mail
from service.fields.base import OPTIONAL
from service.journey import email_outcome, navigation, sending
from service.organisations import branding

bp = Blueprint("cases", __name__)
# Room in an upload's request for the form around the file (its boundaries, the token).
UPLOAD_FORM_ROOM = 64 * 1024
LINK_PAGE = "your-documents"  # names the link form's outcome in the session (email_outcome)


def _catalogue():
    return current_app.extensions["catalogue"]


def _held(ref):
    """The draft with this ref that this browser holds, or a 404."""
    found = drafts.held_as(ref)
    if found is None or _catalogue().get(found.document) is None:
        abort(404)
    return found


@bp.get("/your-documents")
def your_documents():
    catalogue = _catalogue()
    listed = [
        entries.entry(catalogue.get(draft.document), draft)
        for draft in drafts.held()
        if catalogue.get(draft.document) is not None
    ]
    return render_template(
        "cases/your_documents.html",
        entries=listed,
        remembered=device.remembered(),
        idle_minutes=device.idle_minutes(),
        claimed=request.args.get("claimed", type=int),
        renamed=request.args.get("renamed") == "1",
        link_sent=request.args.get("sent") == "1",
        kept=request.args.get("kept"),
        mailer=mail.current_mailer(),
    )


@bp.route("/your-documents/<ref>/name", methods=["GET", "POST"])
def rename(ref):
    draft = _held(ref)
    document = _catalogue().get(draft.document)
    current = entries.name_of(document, draft, _answers(document, draft))
    if request.method == "POST":
        form = NameForm(formdata=request.form)
        if form.validate():
            draft.name = form.name.data
            drafts.save(draft)
            return redirect(url_for("cases.your_documents", renamed=1) + f"#{ref}", 303)
    else:
        form = NameForm(data={"name": current})
    return render_template(
        "cases/rename.html", form=form, error_items=form.error_items(), current=current
    )


def _answers(document, draft):
    """The draft's answers, judged as on the day it was made (see entries.entry)."""
    with dates.as_of(drafts.made_on(draft)):
        return navigation.progress(document, draft.steps).answers


@bp.post("/your-documents/keep")
def keep():
    device.remember(request.form.get("keep") == "yes")
    if device.remembered():
        device.owner(create=True)
    # No fragment: the banner saying what changed is at the top, and takes focus.
    return redirect(url_for("cases.your_documents", kept=int(device.remembered())), 303)


@bp.route("/your-documents/<ref>/next", methods=["GET", "POST"])
def choose_next(ref):
    draft = _held(ref)
    source = _catalogue().get(draft.document)
    answers = _answers(source, draft)
    choices = [(d.slug, d.title) for d in _next_choices(source, answers)]
    form = next_document_form(choices, request.form if request.method == "POST" else None)
    if request.method == "POST" and form.validate():
        return redirect(url_for("cases.start_next", ref=ref, target=form.target.data), 303)
    return render_template(
        "cases/choose_next.html",
        form=form,
        error_items=form.error_items(),
        name=entries.name_of(source, draft, answers),
    )


def _next_choices(source, answers):
    """The documents to offer after `source`: those it leads to first, then the others
    written by the same kind of writer (a school's plan leads to school documents, not a
    parent's complaint)."""
    leads_to = [f.target for f in source.follow_ons if f.applies(answers)]
    writers = set(source.audience)
    ordered = [_catalogue().get(slug) for slug in dict.fromkeys(leads_to)]
    ordered = [d for d in ordered if d is not None]
    ordered += [d for d in _catalogue() if d not in ordered and writers & set(d.audience)]
    return ordered


@bp.route("/your-documents/<ref>/next/<target>", methods=["GET", "POST"])
def start_next(ref, target):
    draft = _held(ref)
    catalogue = _catalogue()
    source, chosen = catalogue.get(draft.document), catalogue.get(target)
    if chosen is None:
        abort(404)
    answers = _answers(source, draft)
    carried = carried_answers(source, answers, chosen)
    if request.method == "POST":
        complete, prefill = draft_steps(chosen, carried)
        started = drafts.Draft(
            chosen.slug,
            steps=complete,
            prefill=prefill,
            organisation=branding.brand_to_carry(draft, chosen),
        )
        drafts.save(started)
        return redirect(entries.entry(chosen, started).continue_url, 303)
    return render_template(
        "cases/start_next.html",
        source=source,
        target=chosen,
        name=entries.name_of(source, draft, answers),
        carried=_carried_labels(chosen, carried),
    )


def _carried_labels(document, carried):
    """The questions of `document` that carried answers fill in, by their labels."""
    return [
        str(field.label.text).removesuffix(OPTIONAL)
        for step in document.steps
        for field in step.prototype().answer_fields()
        if field.short_name in carried
    ]


@bp.route("/your-documents/email-link", methods=["GET", "POST"])
def email_link():
    """Ask for a link to come back on another device. A post ends in a redirect, whatever
    happens (post/redirect/get, as the email forms do): what went wrong, and what was typed,
    travel sealed in the session to the page after it, once."""
    held = drafts.held()
    if request.method == "POST":
        return _send_link(held)
    outcome = email_outcome.take(LINK_PAGE, "email-link") or email_outcome.Outcome()
    form = outcome.filled(lambda data: ReturnLinkForm(formdata=data)) if outcome.form else None
    form = form or ReturnLinkForm()
    return render_template(
        "cases/email_link.html",
        form=form,
        error_items=form.error_items(),
        held=held,
        mailer=mail.current_mailer(),
        problem=outcome.problem,
        retry_at=outcome.retry_at,
        hours=current_app.config["RETURN_LINK_HOURS"],
    )


def _send_link(held):
    form = ReturnLinkForm(formdata=request.form)
    mailer = mail.current_mailer()

    def again(problem=None, retry_at=None):
        email_outcome.keep(
            LINK_PAGE, "email-link", form=form, kind="link", problem=problem, retry_at=retry_at
        )
        return redirect(url_for("cases.email_link"), 303)

    if not held:
        return redirect(url_for("cases.email_link"), 303)
    if not mailer.available:
        return again("unavailable")
    if not form.validate():
        return again()
    refusal = sending.spend_return_link_allowance()
    if refusal is not None:
        return again("daily" if refusal.daily else "link-limit", sending.uk_time(refusal.retry_at))
    token = return_links.create([draft.id for draft in held])
    link = url_for("cases.come_back", token=token, _external=True)
    lifetime = return_links.lifetime_seconds()
    try:
        mailer.send(mail.return_link_message(form.your_email.data, link, lifetime))
    except mail.EmailUnavailableError:
        return again("unavailable")
    except mail.EmailFailedError as error:
        # The error's type only: what SMTP servers say back can quote the address.
        current_app.logger.warning("Link to come back not sent: %s", error)
        return again("smtp")
    return redirect(url_for("cases.your_documents", sent=1) + "#come-back", 303)


@bp.route("/come-back/<token>", methods=["GET", "POST"])
def come_back(token):
    if request.method == "POST":
        moved = return_links.use(token)
        if moved is None:
            return render_template("cases/link_not_working.html"), 404
        return redirect(url_for("cases.your_documents", claimed=moved), 303)
    if not return_links.usable(token):
        return render_template("cases/link_not_working.html"), 404
    return render_template("cases/come_back.html", token=token)


@bp.route("/clear-device", methods=["GET", "POST"])
def clear_device():
    if request.method == "POST":
        device.clear()
        return redirect(url_for("cases.device_cleared"), 303)
    return render_template("cases/clear_device.html", held=drafts.held())


@bp.get("/device-cleared")
def device_cleared():
    return render_template("cases/device_cleared.html")


@bp.route("/your-documents/upload", methods=["GET", "POST"])
def upload():
    """Start from a document the service made: its answers become a draft on this device.
    The file is read in memory, within limits, and not kept."""
    form = UploadForm()
    if request.method == "POST":
        try:
            opened = _opened_upload(request.files.get("document"))
        except RequestEntityTooLarge:
            opened = too_large().message, 413
        if isinstance(opened, drafts.Draft):
            check = {"check": 1} if opened.prefill else {}
            return redirect(url_for("cases.uploaded", ref=opened.ref, **check), 303)
        message, status = opened
        form.document.errors = [message]
        page = render_template(
            "cases/upload.html", form=form, error_items=[{"text": message, "href": "#document"}]
        )
        return page, status
    return render_template("cases/upload.html", form=form, error_items=[])


def _opened_upload(file):
    """A new draft holding the uploaded document's answers, or (message, status) saying why
    not."""
    if file is None or not file.filename:
        return "Select a Word document to upload", 422
    try:
        slug, answers = read_upload(file.stream)
    except UploadError as error:
        if error.document is None:
            return error.message, error.status
        # Ours, but some answers are no longer accepted (a date to send on that has passed):
        # opened anyway, with those steps to finish, rather than lost.
        slug, answers = error.document, error.answers
    document = _catalogue().get(slug)
    complete, prefill = draft_steps(document, answers)
    draft = drafts.Draft(slug, steps=complete, prefill=prefill)
    drafts.save(draft)
    return draft


@bp.errorhandler(RequestEntityTooLarge)
def _too_large(error):
    """A file past the upload limit, found as the form is read: the upload page again, saying
    how large a file may be, rather than the page about long answers."""
    if request.endpoint != "cases.upload":
        return error
    message = too_large().message
    form = UploadForm(formdata=None)
    form.document.errors = [message]
    page = render_template(
        "cases/upload.html", form=form, error_items=[{"text": message, "href": "#document"}]
    )
    return page, 413


def allow_uploads(endpoint, _values):
    """A Word document, not a form: an upload may be larger than other requests. Set before
    the security token is checked, which reads the request's form (URL value preprocessors
    run before every before-request hook)."""
    if endpoint == "cases.upload" and request.method == "POST":
        limit = request.max_content_length = (
            current_app.config["UPLOAD_MAX_BYTES"] + UPLOAD_FORM_ROOM
        )
        # Refused before any of it is read, when its size is given: nothing is spooled.
        if (request.content_length or 0) > limit:
            raise RequestEntityTooLarge()


@bp.get("/your-documents/<ref>/opened")
def uploaded(ref):
    draft = _held(ref)
    document = _catalogue().get(draft.document)
    return render_template(
        "cases/uploaded.html",
        entry=entries.entry(document, draft),
        to_check=request.args.get("check") == "1",
    )
