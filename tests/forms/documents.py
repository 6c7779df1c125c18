"""Helpers every document's own tests share. A test module sets DOCUMENT (and TODAY, the date
its letters are written on) and binds these to it, such as
`example = functools.partial(documents.example, DOCUMENT)`."""

import io
import subprocess
from importlib.resources import files
from pathlib import Path

import docx
import pypdf
from docxtpl import DocxTemplate

from service.answers import validate_answers
from service.journey.navigation import progress

TEMPLATES = Path(str(files("templates_docx")))


def template_path(document):
    return TEMPLATES / document.template


def example(document, **changes):
    """The document's example answers with some changed; a change to None removes one."""
    answers = {**document.example, **changes}
    return {key: value for key, value in answers.items() if value is not None}


def context(document, **changes):
    """The template variables for the example answers with some changed (which must be valid)."""
    validated = validate_answers(document, example(document, **changes))
    assert validated.errors == {}, validated.errors
    return document.build_context(validated.answers)


def answers_by_step(document, answers):
    """Answers filed under their step's slug, as the journey stores them."""
    return {
        step.slug: {name: answers[name] for name in document.field_names(step) if name in answers}
        for step in document.steps
    }


def render_docx(document, context):
    """The document rendered by plain docxtpl (autoescaped), opened with python-docx."""
    template = DocxTemplate(template_path(document))
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    buffer.seek(0)
    return docx.Document(buffer)


def text_of(document):
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def visible_steps(document, answers_by_step):
    """(the steps that apply, the answers the document is made from), as the journey works
    them out from answers stored per step."""
    state = progress(document, answers_by_step)
    return state.steps, state.answers


def printed_pages(soffice_path, folder, sources):
    """The text of each page of each .docx in `sources`, printed to PDF by LibreOffice in one
    run, with a profile of this run's own (runs side by side must not share one)."""
    result = subprocess.run(
        [
            soffice_path,
            "--headless",
            "--norestore",
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        capture_output=True,
        timeout=600,
        check=False,
    )
    pdfs = [folder / f"{source.stem}.pdf" for source in sources]
    missing = [pdf.name for pdf in pdfs if not pdf.exists()]
    assert not missing, (missing, result.stderr.decode(errors="replace"))
    return [[page.extract_text() for page in pypdf.PdfReader(pdf).pages] for pdf in pdfs]
