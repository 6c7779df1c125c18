"""A document's guidance note for a template pack: when to use it, what each gap needs, the
law it rests on and the dates that follow from it, as a Word file an adviser can print.

Everything in it is read from what the journey itself uses: the document's questions, page by
page, with their labels, hints and prompts; the "Which document do I need?" guide; the law
register; and the document's own reminders. So a note made today says what the service says
today. Headings use Word's own heading styles, so a screen reader can move between them.
"""

import io
import re
from dataclasses import dataclass, replace

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from service import dates
from service.fields import (
    ChoiceField,
    DateField,
    GroupField,
    ListField,
    MultiChoiceField,
    YesNoField,
)
from service.fields.base import OPTIONAL

LANGUAGE = "en-GB"
FONT = "Arial"  # as the documents' own templates use
# The example a date's hint ends with, as typed in the form's three boxes: no use on paper.
_DATE_EXAMPLE = re.compile(r"\s*For example, \d{1,2} \d{1,2} \d{4}\.?$")
# Said of a citation the register has seen only through a secondary source.
SECONDARY = (
    "We have checked this only against a reliable secondary source, such as IPSEA, a "
    "SENDIASS or a council, not the official text. Check it before you rely on it."
)


@dataclass(frozen=True)
class Gap:
    """One question as a gap in the blank template: what the reader sees there, and what to
    write in it. `parts` are the questions of each entry of a list."""

    prompt: str
    label: str
    hint: str
    need: str  # "Required", "Optional" or "Required in some cases"
    choices: tuple[str, ...] = ()
    how: str = ""  # how choices, yes-or-no questions and lists show in the template
    parts: tuple["Gap", ...] = ()
    filled: str = ""  # what the pack's template already has in this gap, and whose it is

    def text(self):
        """ "[prompt] — label — hint — required or optional", without empty parts."""
        return " — ".join(part for part in (self.prompt, self.label, self.hint, self.need) if part)


@dataclass(frozen=True)
class Page:
    title: str
    sometimes: bool  # asked only after some answers
    gaps: tuple[Gap, ...]


@dataclass(frozen=True)
class Note:
    """What a guidance note says, worked out before it is written as Word."""

    title: str
    summary: str
    needs: str
    for_whom: str
    advice: tuple[tuple[str, str], ...]  # (why, if it does not work) from the guide
    pages: tuple[Page, ...]
    law: tuple  # the register's citations the document prints, in the order it prints them
    time_limits: tuple  # (time limit, its citation's words) for those citations' limits
    reminders: tuple  # the document's dates to remember, from its example


def pages_of(document, filled=None):
    """Every page of the document's questions, in order, each with its gaps. `filled`: what
    the template already has for some questions (name -> words about it)."""
    filled = filled or {}
    pages = []
    for step in document.steps:
        prototype = step.prototype()
        gaps = tuple(
            replace(gap_of(field), filled=filled.get(field.short_name, ""))
            for field in prototype.answer_fields()
        )
        pages.append(Page(prototype.title, step.show_if is not None, gaps))
    return tuple(pages)


def gap_of(field):
    need = _need(field)
    # "Optional" is said once, after the hint, not also in the label.
    label = field.label.text.removesuffix(OPTIONAL)
    hint = field.description or ""
    if isinstance(field, ListField):
        entry = field.prototype
        parts = ()
        if isinstance(entry, GroupField):
            parts = tuple(gap_of(part) for part in entry.answer_fields())
            prompt = ""
            how = f"One for each {field.item_name}, each with these parts:"
        else:
            prompt = entry.blank()
            how = f"One {field.item_name} a line; add as many as you need."
        return Gap(prompt, label, hint, need, how=how, parts=parts)
    if isinstance(field, YesNoField):
        how = (
            "Yes or no. The template includes the words for yes: take them out if the answer is no."
        )
        return Gap("", label, hint, need, how=how)
    if isinstance(field, MultiChoiceField):
        how = (
            "Any of these. The template includes the words for each: take out those that do "
            "not apply."
        )
        return Gap("", label, hint, need, tuple(field.choice_labels.values()), how)
    if isinstance(field, ChoiceField):
        how = "The gap shows every choice, split by /: keep the one that applies."
        return Gap(field.blank(), label, hint, need, how=how)
    if isinstance(field, DateField):
        hint = _DATE_EXAMPLE.sub("", hint)
    return Gap(field.blank(), label, hint, need)


def _need(field):
    """Whether the question must be answered, as its label and message say: a question that
    is neither always required nor labelled optional is required only after some answers."""
    if field.always_required:
        return "Required"
    if field.label.text.endswith(OPTIONAL):
        return "Optional"
    return "Required in some cases"


def citations_printed(text, citations):
    """The citations whose words appear in `text`, in the order it first prints them. The
    longest are looked for first and blanked out once found, so "section 36(8)" is not also
    counted as "section 36"; case is ignored, as a citation can start a sentence."""
    folded = text.casefold()
    found = []
    for citation in sorted(citations, key=lambda c: len(c.short), reverse=True):
        words = citation.short.casefold()
        at = folded.find(words)
        if at < 0:
            continue
        found.append((at, citation))
        folded = folded.replace(words, "\0" * len(words))
    return tuple(citation for _, citation in sorted(found, key=lambda pair: pair[0]))


def time_limit_text(limit):
    """ "6 weeks", "1 month", "15 school days"."""
    unit = limit.unit.replace("_", " ")
    return f"{limit.amount} {unit.removesuffix('s') if limit.amount == 1 else unit}"


def sentence(text):
    """Text starting with a capital, as a citation must when it starts a line."""
    return text[:1].upper() + text[1:]


# --- writing it as Word ----------------------------------------------------------------------


def note_docx(note, organisation, *, law_checked):
    """The guidance note as .docx bytes."""
    doc = new_document(f"Guidance note: {note.title}", organisation)
    doc.add_heading(f"Guidance note: {note.title}", level=1)
    made = dates.long_date(dates.today())
    checked = f" The law in it was last checked on {dates.long_date(law_checked)}."
    doc.add_paragraph(
        f"From {organisation.name}, made on {made}.{checked if law_checked else ''} Use it "
        "with the blank template and the filled example in the same folder."
    )
    _when(doc, note)
    _gaps(doc, note)
    _law(doc, note)
    _dates(doc, note)
    doc.add_heading("Help", level=2)
    doc.add_paragraph(
        f"{organisation.name}. Helpline: {organisation.helpline.phone} "
        f"({organisation.helpline.hours}). Email: {organisation.email}. Website: "
        f"{organisation.website}"
    )
    return save(doc)


def _when(doc, note):
    doc.add_heading("When to use it", level=2)
    doc.add_paragraph(note.summary)
    doc.add_paragraph(f"It is for {note.for_whom}.")
    doc.add_paragraph(f"What you will need: {_lower_first(note.needs)}")
    for why, next_step in note.advice:
        doc.add_paragraph(why)
        if next_step:
            doc.add_paragraph(f"If it does not work: {_lower_first(next_step)}")


def _gaps(doc, note):
    doc.add_heading("What each gap needs", level=2)
    doc.add_paragraph(
        "Each gap in the blank template is in square brackets. Below, page by page as the "
        "online version asks them, is each question: the gap as the template shows it, the "
        "question, its hint, and whether it must be answered. A page marked “only for some "
        "answers” is asked only when an earlier answer needs it: leave its gaps out otherwise."
    )
    for page in note.pages:
        title = page.title + (" (only for some answers)" if page.sometimes else "")
        doc.add_heading(title, level=3)
        for gap in page.gaps:
            _gap(doc, gap, level=1)


def _law(doc, note):
    doc.add_heading("The law it rests on", level=2)
    if not note.law:
        doc.add_paragraph("The document quotes no law.")
        return
    doc.add_paragraph("The document quotes these, in this order. In our own words:")
    for citation in note.law:
        item = doc.add_paragraph(style="List Bullet")
        item.add_run(sentence(citation.short)).bold = True
        item.add_run(f": {citation.summary}")
        if citation.confidence == "secondary":
            item.add_run(f" {SECONDARY}")
        elif citation.confidence == "unverified":
            item.add_run(" We have not yet checked this: check it before you rely on it.")
        checked = dates.long_date(citation.last_verified)
        item.add_run(f" Last checked {checked}. Source: {citation.source}")


def _dates(doc, note):
    doc.add_heading("The dates that follow from it", level=2)
    if not note.time_limits and not note.reminders:
        doc.add_paragraph("The document sets no dates.")
    if note.time_limits:
        doc.add_paragraph("Time limits the law sets:")
        for limit, cited in note.time_limits:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(f"{limit.description}: ")
            item.add_run(time_limit_text(limit)).bold = True
            item.add_run(f", under {cited}.")
    if note.reminders:
        doc.add_paragraph(
            "Dates to remember once it is sent. The online version works out each day from "
            "the answers and offers them as a calendar file. On each day, the calendar says "
            "what to do, in these words:"
        )
        for reminder in note.reminders:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(reminder.title).bold = True
            item.add_run(f": {reminder.action}")
            if reminder.cites:
                item.add_run(f" ({sentence(reminder.cites)}.)")


def _gap(doc, gap, level):
    style = "List Bullet" if level == 1 else "List Bullet 2"
    item = doc.add_paragraph(style=style)
    if gap.prompt:
        item.add_run(gap.prompt).bold = True
        item.add_run(" — ")
    item.add_run(gap.label)
    if gap.hint:
        item.add_run(f" — {gap.hint}")
    item.add_run(f" — {gap.need}.")
    if gap.filled:
        item.add_run().add_break(WD_BREAK.LINE)
        item.add_run(gap.filled)
    if gap.how:
        item.add_run().add_break(WD_BREAK.LINE)
        item.add_run(gap.how)
    for choice in gap.choices:
        doc.add_paragraph(choice, style="List Bullet 2" if level == 1 else "List Bullet 3")
    for part in gap.parts:
        _gap(doc, part, level + 1)


def _lower_first(text):
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def new_document(title, organisation):
    """An empty Word document in English (UK), titled, with the organisation's details at
    the foot of every page."""
    doc = Document()
    properties = doc.core_properties
    properties.title = title
    properties.author = organisation.name
    properties.language = LANGUAGE
    properties.comments = ""
    # Word reads the language from the styles, not the properties: screen readers follow it.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
    for name in ("Normal", "Heading 1", "Heading 2", "Heading 3", "Title"):
        font = doc.styles[name].font
        font.name = FONT
        # Headings name the theme's fonts, which win over the font's name unless removed.
        fonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.text = organisation.contact_line
    return doc


def save(doc):
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
