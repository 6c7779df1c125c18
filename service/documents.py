"""Answers in, document out: the one path the journey, the API and the CLI share."""

from flask import current_app

from service.answers import blank_answers
from service.rendering.answers_part import item_xml


def render_document(document, answers, *, blank=False):
    """The .docx bytes for validated answers, carrying those answers (so the file can be
    read back: service/answers_upload.py), or the blank template with bracketed prompts."""
    renderer = current_app.extensions["renderer"]
    if blank:
        return renderer.render(document, document.build_context(blank_answers(document)))
    context = document.build_context(answers)
    return renderer.render(document, context, answers_xml=item_xml(document.slug, answers))


def render_partial(document, given, shown):
    """The .docx for a document partly answered (made from a register): it shows `shown`,
    the answers given with bracketed prompts for the rest, and carries only `given`, so
    that reading it back never takes a prompt for an answer."""
    renderer = current_app.extensions["renderer"]
    context = document.build_context(shown)
    return renderer.render(document, context, answers_xml=item_xml(document.slug, given))


def document_filename(document, answers, *, blank=False):
    if blank:
        return f"{document.title} (blank template)"
    return document.filename(answers)
