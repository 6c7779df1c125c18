"""Helpers every document's own tests share."""

import io

import docx
from docxtpl import DocxTemplate


def answers_by_step(document, answers):
    """Answers filed under their step's slug, as the journey stores them."""
    return {
        step.slug: {name: answers[name] for name in document.field_names(step) if name in answers}
        for step in document.steps
    }


def render_docx(document, context):
    """The document rendered by plain docxtpl (autoescaped), opened with python-docx."""
    template = DocxTemplate(document.template_path)
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def text_of(document):
    return "\n".join(paragraph.text for paragraph in document.paragraphs)
