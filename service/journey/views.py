"""The guided journey: one generic view per kind of page, for every document type."""

from flask import abort, current_app, g, redirect, render_template, request, session, url_for

from service import device, drafts, limits
from service.delivery import pdf
from service.delivery.download import docx_response
from service.delivery.preview import preview_html
from service.documents import document_filename, render_document
from service.fields import AnswerTypeError
from service.journey import navigation, typed
from service.journey.done_views import done_page
from service.journey.routing import (
    bp,
    changing,
    current_draft,
    document_for,
    finished,
    load_draft,
    not_on_this_device,
    resume_url,
    step_url,
)
from service.journey.summary import ROWS_WITH_OWN_LINKS, summary_sections
from service.organisations import branding, usage
from service.steps import step_form

KEPT_FROM_LOST = "kept_from_lost"  # session: the next step page says why it starts again
TIMED_OUT = (
    "This page timed out, so we could not save it. Check your answers on this page and "
    "select Continue"
)


@bp.get("/<slug>/")
def start(slug):
    document = document_for(slug)
    held = [draft for draft in drafts.held() if draft.document == slug]
    organisation = branding.current()
    if organisation is not None:  # an advice service's page offers only drafts begun there
        held = [draft for draft in held if draft.organisation == organisation.slug]
    latest = held[0] if held else None
    return render_template(
        "journey/start.html",
        document=document,
        held=held,
        resume_url=_resume_held(document, latest) if latest else None,
        first_url=url_for("journey.step", slug=slug, step=document.steps[0].slug, draft=drafts.NEW),
    )


def _resume_held(document, draft):
    """Where to carry on with a draft other than the one this page is about."""
    state = navigation.progress(document, draft.steps)
    missing = state.first_missing
    if missing is None:
        return url_for("journey.check", slug=document.slug, draft=draft.ref)
    return url_for("journey.step", slug=document.slug, step=missing.slug, draft=draft.ref)


@bp.route("/<slug>/<step>", methods=["GET", "POST"])
def step(slug, step):
    document = document_for(slug)
    step_class = document.step(step)
    if step_class is None:
        abort(404)
    draft = load_draft(slug)
    if draft.lost:
        if request.method == "POST":
            return _keep_lost_post(document, step_class)
        return not_on_this_device(slug)
    state = navigation.progress(document, draft.steps)
    if not navigation.can_visit(state, step_class.slug):
        return redirect(resume_url(document, draft, change=changing(), state=state))
    earlier = state.earlier[step_class.slug]

    if request.method == "GET":
        kept = typed.take(draft, step_class.slug)
        if kept is not None:
            return _render_step(document, typed.form_for(step_class, kept, earlier), state)
        stored = draft.steps.get(step_class.slug)
        if stored is None and step_class.slug in draft.prefill:
            return _render_step(document, _prefilled(step_class, draft, earlier), state)
        form = step_form(step_class, stored, earlier=earlier)
        if stored is not None and state.first_missing is step_class:
            # Answers given before that an earlier change makes wrong: say what to put right.
            form.validate()
            form.csrf_token.errors = []
        return _render_step(document, form, state)

    # Post/redirect/get: every post ends in a redirect, so Back and Refresh never ask to send
    # a form again. What cannot be saved yet is kept with the draft for the page after it.
    action = request.form.get("action", "continue")
    was_saved = draft.is_saved  # its first save counts as a start in a brand's figures
    if action != "continue":
        # The page after it puts focus on the new entry, or on the list's heading, with
        # `autofocus` (so without JavaScript too), which also scrolls there. No fragment on
        # this redirect: a browser ignores autofocus on a page whose address targets an element.
        typed.keep(draft, step_class.slug, request.form, action=action)
        usage.count_if_started(draft, was_saved)
        # Built after keeping: a new draft is stored by then, and its address names it.
        return redirect(step_url(document, step_class, change=changing()))
    form = step_class(earlier=earlier)
    if not form.validate():
        typed.keep(draft, step_class.slug, request.form, errors=True)
        usage.count_if_started(draft, was_saved)
        return redirect(step_url(document, step_class, change=changing()))

    draft.steps[step_class.slug] = form.answers()
    draft.prefill.pop(step_class.slug, None)
    typed.forget(draft, step_class.slug)
    drafts.save(draft)
    usage.count_if_started(draft, was_saved)
    state = navigation.progress(document, draft.steps)
    if changing():
        return redirect(resume_url(document, draft, change=True, state=state))
    following = navigation.next_step(state, step_class.slug)
    if following is None:
        return redirect(url_for("journey.check", slug=slug))
    return redirect(step_url(document, following))


def _keep_lost_post(document, step_class):
    """A step posted for a draft this browser no longer holds (it was left unused past the
    idle time, or cleared, or the draft deleted in another tab): nothing can be saved to it,
    but nothing typed is thrown away. A new draft keeps what was typed on that page, exactly
    as it was sent, to show when the user gets there; they start from its first question,
    and the page says why."""
    started = drafts.Draft(
        document.slug,
        prefill={step_class.slug: typed.as_typed(request.form)},
        organisation=branding.brand_of_address(document),
    )
    drafts.save(started)
    usage.count_if_started(started, was_saved=False)
    g.journey_draft, g.journey_new = started, False
    session[KEPT_FROM_LOST] = True
    session.pop(device.CLOSED, None)  # said on the page it leads to, in its own words
    return redirect(resume_url(document, started))


def _prefilled(step_class, draft, earlier):
    """A step not done yet, filled in from answers carried from another document, or from
    what was typed on it for a draft this browser lost; shown, not judged yet. (From an
    uploaded file, answers of the wrong kind are left out.)"""
    given = draft.prefill[step_class.slug]
    if typed.is_typed(given):
        return typed.form_for(step_class, typed.typed_form(given), earlier)
    try:
        return step_form(step_class, given, earlier=earlier)
    except AnswerTypeError:
        return step_form(step_class, None, earlier=earlier)


def _render_step(document, form, state, status=200):
    change = changing()
    step_class = type(form)
    previous = navigation.previous_step(state, step_class.slug)
    if change:
        back_url = url_for("journey.check", slug=document.slug)
    elif previous is not None:
        back_url = step_url(document, previous)
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
            action_url=step_url(document, step_class, change=change),
            kept_from_lost=session.pop(KEPT_FROM_LOST, False),
        ),
        status,
    )


def render_after_csrf_failure():
    """A step posted with an expired or missing security token: show it again with what the
    user typed and a fresh token, instead of an error page that loses their answers.

    The one post answered with a page rather than a redirect: a post without a valid token
    may come from another site, so it must not write to the user's draft."""
    document = document_for(request.view_args["slug"])
    step_class = document.step(request.view_args["step"])
    if step_class is None:
        abort(404)
    # A draft this browser no longer holds: the page still comes back with what was typed,
    # and its form starts a new draft (load_draft), so nothing is lost here either.
    state = navigation.progress(document, load_draft(document.slug).steps)
    form = step_class(earlier=state.earlier.get(step_class.slug, {}))
    form.validate()
    for field in form:
        field.errors = []
    form.csrf_token.errors = [TIMED_OUT]
    return _render_step(document, form, state, status=400)


@bp.get("/<slug>/check-answers")
@limits.expensive("render")
@finished
def check(document, draft, state):
    last = state.steps[-1]
    return render_template(
        "journey/check.html",
        document=document,
        sections=summary_sections(document, draft.steps, state),
        rows_with_own_links=ROWS_WITH_OWN_LINKS,
        worked_out=document.worked_out(state.answers) if document.worked_out else [],
        back_url=step_url(document, last),
        preview=preview_html(render_document(document, state.answers)),
    )


@bp.get("/<slug>/download")
@limits.expensive("render")
@finished
def download(document, draft, state):
    usage.mark_made(draft)
    data = render_document(document, state.answers)
    usage.count_for(draft, "downloaded")
    return docx_response(data, document_filename(document, state.answers))


@bp.get("/<slug>/download.pdf")
@limits.expensive("pdf")
@finished
def download_pdf(document, draft, state):
    effective = state.answers
    data = render_document(document, effective)
    try:
        converted = pdf.converter().convert(data)
    except (pdf.PdfUnavailableError, pdf.PdfFailedError) as error:
        # The reason names no answer; the user keeps their answers and the Word download.
        current_app.logger.warning("PDF not made: %s", error)
        return done_page(document, draft, pdf_failed=True, answers=effective), 503
    usage.mark_made(draft)
    usage.count_for(draft, "pdf")
    return pdf.pdf_response(converted, document_filename(document, effective))


@bp.get("/<slug>/blank")
@limits.expensive("render")
def blank(slug):
    document = document_for(slug)
    data = render_document(document, None, blank=True)
    return docx_response(data, document_filename(document, None, blank=True))


@bp.route("/<slug>/delete", methods=["GET", "POST"])
def delete(slug):
    document = document_for(slug)
    draft = current_draft(slug)
    if request.method == "POST":
        drafts.delete(draft)
        return redirect(url_for("journey.deleted", slug=slug, draft=None))
    return render_template("journey/delete.html", document=document, draft=draft)


@bp.get("/<slug>/deleted")
def deleted(slug):
    return render_template("journey/deleted.html", document=document_for(slug))
