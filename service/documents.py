"""Answers in, document out: the one path the journey, the API and the CLI share."""

from flask import current_app

from service.answers import blank_answers


def render_document(document, answers, *, blank=False):
    """The .docx bytes for validated answers, or the blank template with bracketed prompts."""
    context = document.build_context(blank_answers(document) if blank else answers)
    return current_app.extensions["renderer"].render(document, context)


def document_filename(document, answers, *, blank=False):
    if blank:
        return f"{document.title} (blank template)"
    return document.filename(answers)
