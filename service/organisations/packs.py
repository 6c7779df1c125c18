"""An organisation's template pack: a ZIP made on request, never stored.

For each document the organisation offers, in its order, a folder holds a blank Word template
(the organisation's details at the foot of each page, its council's details where the letter
addresses the council), a filled example, and a guidance note (guidance_note.py); with PDF
copies of each where LibreOffice is available. A contents sheet lists every file, who the
pack is for, the day it was made and the day the law was last checked.

The ZIP is streamed as it is made, a document at a time, so a pack starts arriving at once
and memory stays flat. The contents sheet is written last, when it is known which files were
made; people see it by its name, not by its place in the ZIP.
"""

import io
import zipfile
from dataclasses import dataclass

from docx import Document
from docx.oxml.ns import qn
from flask import current_app
from werkzeug.utils import import_string

from service import dates, zip_stream
from service.answers import blank_answers, validate_answers
from service.config import ConfigurationError
from service.delivery import pdf as pdf_delivery
from service.delivery.download import safe_filename
from service.documents import render_document, render_partial
from service.organisations import guidance_note
from service.organisations.guidance_note import Note, new_document, pages_of, save, sentence
from service.organisations.views import documents_of

CONTENTS = "Contents"
ZIP_MIMETYPE = "application/zip"
# What the law register must give (forms/law.py is the one this project ships).
REGISTER_PARTS = ("LAST_VERIFIED", "CITATIONS", "TIME_LIMITS")


@dataclass(frozen=True)
class Made:
    """A file in the pack, as the contents sheet lists it."""

    name: str  # its path in the ZIP
    what: str


def load_register(app):
    """The law register the LAW_REGISTER setting names ("module" or "module:attribute"),
    checked at start-up, or None for none."""
    name = app.config.get("LAW_REGISTER")
    if not name:
        return None
    try:
        register = import_string(name)
    except ImportError as error:
        raise ConfigurationError(f"LAW_REGISTER: cannot import {name!r} ({error})") from None
    missing = [part for part in REGISTER_PARTS if not hasattr(register, part)]
    if missing:
        raise ConfigurationError(f"LAW_REGISTER: {name!r} has no {', '.join(missing)}")
    return register


def law_register():
    return current_app.extensions.get("law_register")


def law_checked():
    """The day the law register was last checked as a whole, or None without a register."""
    register = law_register()
    return register.LAST_VERIFIED if register is not None else None


def pack_filename(organisation):
    return safe_filename(f"{organisation.name} template pack", "zip")


def folder_name(number, document):
    return safe_filename(f"{number:02d} {document.title}", "x").removesuffix(".x")


def build_pack(organisation, *, pdf=True):
    """The pack's ZIP bytes, in chunks, a document at a time. With `pdf`, each Word file is
    also converted where LibreOffice is available; if it is not, or a conversion fails, the
    pack goes on without (more) PDFs and the contents sheet says why."""
    sink = zip_stream.Sink()
    listing = []  # (folder, [Made])
    converting = _Converter() if pdf else None
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number, document in enumerate(documents_of(organisation), start=1):
            folder = folder_name(number, document)
            made = []
            for stem, what, data in document_files(document, organisation):
                name = f"{folder}/{safe_filename(f'{document.title} - {stem}', 'docx')}"
                zip_stream.add_file(archive, name, data)
                made.append(Made(name, what))
                converted = converting.pdf(data) if converting else None
                if converted is not None:
                    pdf_name = name.removesuffix(".docx") + ".pdf"
                    zip_stream.add_file(archive, pdf_name, converted)
                    made.append(Made(pdf_name, f"{what}, as a PDF"))
                yield sink.take()
            listing.append((folder, made))
        for name, data in contents_files(organisation, listing, converting):
            zip_stream.add_file(archive, name, data)
    yield sink.take()


def document_files(document, organisation):
    """(name, what it is, .docx bytes) of the document's blank template, filled example and
    guidance note."""
    blank = blank_template(document, organisation)
    example = filled_example(document, organisation)
    note = guidance_note.note_docx(
        note_for(document, organisation, example=example, blank=blank),
        organisation,
        law_checked=law_checked(),
    )
    return [
        ("blank template", "The blank template, a gap in square brackets for each answer", blank),
        ("filled example", "A filled example, with made-up details", example),
        ("guidance note", "When to use it, what each gap needs, the law and the dates", note),
    ]


def council_answers(document, organisation):
    """The organisation's council details, for the questions of `document` that ask them."""
    council = organisation.council
    given = council.answers() if council is not None else {}
    return {name: value for name, value in given.items() if name in document.question_names}


def blank_template(document, organisation):
    """Bracketed prompts for every answer but the council's details, which the organisation
    gives. Council questions are plain text, so its answers simply take the prompts' place;
    the file carries only those answers, so reading it back never takes a prompt for one."""
    given = council_answers(document, organisation)
    shown = {**blank_answers(document), **given}
    return render_partial(document, given, shown, line=organisation.contact_line)


def filled_in(document, organisation):
    """What the guidance note says of the gaps the organisation's council details fill."""
    council = organisation.council
    words = (
        f"The template already has {council.name}’s details here: change them for a family "
        "in another area."
        if council is not None
        else ""
    )
    return dict.fromkeys(council_answers(document, organisation), words)


def example_answers(document):
    return validate_answers(document, document.example).answers


def filled_example(document, organisation):
    return render_document(document, example_answers(document), line=organisation.contact_line)


def note_for(document, organisation, *, example, blank):
    """What the document's guidance note says. The law is what the document prints: the
    register's citations found in its blank template (every option's words) and its example."""
    register = law_register()
    citations, limits = (), ()
    if register is not None:
        printed = f"{docx_text(blank)}\n{docx_text(example)}"
        citations = guidance_note.citations_printed(printed, register.CITATIONS.values())
        keys = {citation.key for citation in citations}
        limits = tuple(
            (limit, register.CITATIONS[limit.citation].short)
            for limit in register.TIME_LIMITS.values()
            if limit.citation in keys
        )
    reminders = document.reminders(example_answers(document)) if document.reminders else []
    return Note(
        title=document.title,
        summary=document.summary,
        needs=document.needs,
        for_whom=document.for_whom,
        advice=guide_advice(document),
        pages=pages_of(document, filled_in(document, organisation)),
        law=citations,
        time_limits=limits,
        reminders=tuple({reminder.title: reminder for reminder in reminders}.values()),
    )


def guide_advice(document):
    """(why, if it does not work) of every recommendation of the document in "Which document
    do I need?", each said once."""
    guide = current_app.extensions.get("guide")
    if guide is None:
        return ()
    found = {}
    for _answers, recommendation in guide.recommendations():
        if recommendation.document == document.slug:
            found.setdefault((recommendation.why, recommendation.if_it_does_not_work), None)
    return tuple(found)


def docx_text(data):
    """Every paragraph's text in a .docx's body, tables included, a line each."""
    body = Document(io.BytesIO(data)).element.body
    return "\n".join(
        "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
        for paragraph in body.iter(qn("w:p"))
    )


# --- the contents sheet ----------------------------------------------------------------------


def contents_files(organisation, listing, converting):
    """The contents sheet, and its PDF where PDFs are being made. The sheet lists its own PDF
    only once that is made."""
    with_pdf = converting is not None and converting.working
    data = contents_docx(organisation, listing, converting, own_pdf=with_pdf)
    converted = converting.pdf(data) if with_pdf else None
    if converted is None:
        data = contents_docx(organisation, listing, converting, own_pdf=False)
        return [(f"{CONTENTS}.docx", data)]
    return [(f"{CONTENTS}.docx", data), (f"{CONTENTS}.pdf", converted)]


def contents_docx(organisation, listing, converting, *, own_pdf):
    title = f"{organisation.name} template pack"
    doc = new_document(f"{title}: contents", organisation)
    doc.add_heading(title, level=1)
    doc.add_paragraph(
        f"Letters and plans about special educational needs (SEN), for advisers at "
        f"{organisation.name} to use with families or give to them."
    )
    checked = law_checked()
    facts = [f"Made on {dates.long_date(dates.today())}."]
    if checked:
        facts.append(f"The law in these documents was last checked on {dates.long_date(checked)}.")
    facts.append("Make a new pack when you need one: it always has the current wording.")
    doc.add_paragraph(" ".join(facts))

    doc.add_heading("Using the templates", level=2)
    council = organisation.council
    tips = [
        "Each gap is in square brackets. The guidance note beside each template says what "
        "each gap needs, page by page as the online version asks.",
        "Where a letter has a choice of wording, the template has every option: take out "
        "what does not apply.",
        f"The foot of each page gives {organisation.name}’s details.",
        "The filled examples use made-up people, schools and dates, to show what a "
        "finished document looks like.",
    ]
    if council is not None:
        tips.insert(
            1,
            f"Letters to the council already have {council.name}’s details. Change them for "
            "a family in another area.",
        )
    for tip in tips:
        doc.add_paragraph(tip, style="List Bullet")

    doc.add_heading("What is in the pack", level=2)
    if converting is None:
        doc.add_paragraph("This pack has Word files only: PDF copies were not asked for.")
    elif converting.problem:
        doc.add_paragraph(f"PDF copies: {converting.problem}")
    else:
        doc.add_paragraph("Each Word file has a PDF copy beside it.")
    for folder, made in listing:
        doc.add_heading(folder, level=3)
        for file in made:
            _listed(doc, file.name.rpartition("/")[2], file.what)
    doc.add_heading("At the top of the pack", level=3)
    _listed(doc, f"{CONTENTS}.docx", "This contents sheet")
    if own_pdf:
        _listed(doc, f"{CONTENTS}.pdf", "This contents sheet, as a PDF")
    return save(doc)


def _listed(doc, name, what):
    item = doc.add_paragraph(style="List Bullet")
    item.add_run(name).bold = True
    item.add_run(f": {sentence(what)}")


# --- writing the ZIP -------------------------------------------------------------------------


class _Converter:
    """PDFs while they can be made: after the first that cannot, none more are tried, and
    `problem` says why in words for the contents sheet."""

    def __init__(self):
        self.problem = ""

    @property
    def working(self):
        return not self.problem

    def pdf(self, data):
        if self.problem:
            return None
        try:
            return pdf_delivery.converter().convert(data)
        except pdf_delivery.PdfUnavailableError:
            self.problem = "not included, because this copy of the service cannot make PDFs."
        except (pdf_delivery.PdfFailedError, pdf_delivery.PdfBusyError):
            self.problem = (
                "the service was too busy to make them all this time, so some files have no "
                "PDF copy. Make the pack again later for a full set."
            )
        return None
