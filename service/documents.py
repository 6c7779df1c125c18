"""Answers in, document out: the one path the journey, the API and the CLI share."""

from flask import current_app

from service.answers import blank_answers
from service.organisations import branding
from service.rendering import ORGANISATION_LINE
from service.rendering.answers_part import item_xml


def render_document(document, answers, *, blank=False, line=None):
    """The .docx bytes for validated answers, carrying those answers (so the file can be
    read back: service/answers_upload.py), or the blank template with bracketed prompts.

    `line`: the advice service's line at the foot of its pages; by default the one the
    organisation whose brand the page wears chose for this document, if any."""
    renderer = current_app.extensions["renderer"]
    line = branding.line_for(document) if line is None else line
    if blank:
        context = document.build_context(blank_answers(document))
        return renderer.render(document, _with_line(context, line))
    context = _with_line(document.build_context(answers), line)
    return renderer.render(document, context, answers_xml=item_xml(document.slug, answers))


def render_partial(document, given, shown, *, line=""):
    """The .docx for a document partly answered (made from a register, or a pack's
    template): it shows `shown`, the answers given with bracketed prompts for the rest, and
    carries only `given`, so that reading it back never takes a prompt for an answer."""
    renderer = current_app.extensions["renderer"]
    context = _with_line(document.build_context(shown), line)
    return renderer.render(document, context, answers_xml=item_xml(document.slug, given))


def _with_line(context, line):
    # Every template's footer reads it; documents' own contexts never set it. Left out when
    # there is none, so a footer that reads nothing else is the template's, made once.
    return {**context, ORGANISATION_LINE: line} if line else context


def document_filename(document, answers, *, blank=False):
    if blank:
        return f"{document.title} (blank template)"
    return document.filename(answers)
