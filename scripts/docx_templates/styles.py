"""The shared look of every generated template: an A4 letter with en-GB styles, and the
`Letter` writer that adds paragraphs and docxtpl tags to it.

The layout lives in paragraph styles (spacing, alignment, lists), never in empty paragraphs.
docxtpl tags sit in the text: `{{ variable }}` in runs, and `{%p ... %}` alone in a paragraph
for loops and conditions (docxtpl removes those paragraphs when it renders). The variables
must be exactly the keys of the document's `build_context`; tests/forms check that.
"""

import datetime
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates_docx"

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans
LANGUAGE = "en-GB"
TEXT_COLOUR = RGBColor(0x0B, 0x0C, 0x0C)
QUIET_COLOUR = RGBColor(0x50, 0x5A, 0x5F)
FIXED_TIME = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
KEEP_TABLES = {"TableNormal", "TableGrid"}
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


# --- A letter-shaped document -------------------------------------------------------------


def letter_document():
    """An empty A4 document with the letter styles, en-GB language and a page-number footer."""
    document = Document()
    _page(document)
    _language_and_fonts(document)
    _styles(document)
    _lists(document)
    _footer(document)
    _properties(document)
    _slim(document)
    body = document.element.body
    for paragraph in list(document.paragraphs):
        body.remove(paragraph._element)
    return document


def _page(document):
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin = section.right_margin = Mm(25)
    section.header_distance = section.footer_distance = Mm(10)


def _language_and_fonts(document):
    """en-GB and Arial everywhere, by default, with the theme fonts taken out of the way."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(defaults)
    _set_language(defaults)
    settings = document.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))
    theme_language.set(qn("w:val"), LANGUAGE)
    for attribute in ("w:eastAsia", "w:bidi"):
        theme_language.attrib.pop(qn(attribute), None)


def _set_fonts(rpr):
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.attrib.clear()
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _set_language(rpr):
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.attrib.clear()
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)
    language.set(qn("w:bidi"), "ar-SA")


def _styles(document):
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.font.color.rgb = TEXT_COLOUR
    _set_fonts(normal.element.get_or_add_rPr())
    _set_language(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(8)
    fmt.line_spacing = 1.15
    fmt.widow_control = True

    _heading(styles["Heading 1"], size=12, before=6, after=10)
    _heading(styles["Heading 2"], size=11, before=10, after=4)
    for level in range(3, 10):  # unused here, but Arial and black if someone adds one
        _heading(styles[f"Heading {level}"], size=11, before=10, after=4)

    _paragraph_style(styles, "Sender Address", align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _paragraph_style(styles, "Date", align=WD_ALIGN_PARAGRAPH.RIGHT, before=12, after=12)
    _paragraph_style(styles, "Recipient Address", after=0, keep_with_next=True)
    _paragraph_style(styles, "Salutation", before=20, after=10, keep_with_next=True)
    # The sign-off and the name share one paragraph, with room to sign between them, so the
    # name can never be left alone on a page: LibreOffice breaks "keep with next" when the
    # kept paragraph has large spacing below it.
    _paragraph_style(styles, "Closing", before=4, after=0).paragraph_format.keep_together = True
    _paragraph_style(styles, "Copy To", before=20, after=0)

    footer = styles["Footer"]
    footer.font.size = Pt(9)
    footer.font.color.rgb = QUIET_COLOUR
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(style, *, size, before, after):
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # inherit Arial from Normal instead of the theme's heading font
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.color.rgb = TEXT_COLOUR
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = True


def _paragraph_style(styles, name, *, align=None, before=0, after=8, keep_with_next=False):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    fmt = style.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    fmt.keep_with_next = keep_with_next
    if align is not None:
        fmt.alignment = align
    return style


def _lists(document):
    """The built-in List Bullet and List Number styles, with a plain bullet any font has and
    a little air between items."""
    numbering = document.part.numbering_part.element
    for abstract in numbering.findall(qn("w:abstractNum")):
        level = abstract.find(qn("w:lvl"))
        style = level.find(qn("w:pStyle"))
        if style is None or style.get(qn("w:val")) not in ("ListBullet", "ListNumber"):
            continue
        indent = level.find(qn("w:pPr")).find(qn("w:ind"))
        indent.set(qn("w:left"), "425")
        indent.set(qn("w:hanging"), "425")
        level.find(qn("w:pPr")).find(qn("w:tabs")).find(qn("w:tab")).set(qn("w:pos"), "425")
        if style.get(qn("w:val")) == "ListBullet":
            level.find(qn("w:lvlText")).set(qn("w:val"), "•")
            _set_fonts(level.find(qn("w:rPr")))
    for name in ("List Bullet", "List Number"):
        style = document.styles[name]
        contextual = style.element.pPr.find(qn("w:contextualSpacing"))
        if contextual is not None:
            style.element.pPr.remove(contextual)
        style.paragraph_format.space_after = Pt(6)


def _footer(document):
    """'Page 1 of 2', with Word fields so it stays right however long the letter is."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    paragraph.add_run("Page ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" of ")
    _field(paragraph, "NUMPAGES")


def _field(paragraph, instruction):
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("end", None)):
        run = paragraph.add_run()
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)
        if kind == "separate":
            paragraph.add_run("1")


def _properties(document):
    """No user data and nothing personal: the engine sets the title when it renders."""
    properties = document.core_properties
    for name in ("author", "title", "subject", "keywords", "comments", "category"):
        setattr(properties, name, "")
    properties.last_modified_by = ""
    properties.language = LANGUAGE
    properties.revision = 1
    properties.created = properties.modified = FIXED_TIME


def _slim(document):
    """Leave out what python-docx's starter file carries but a letter does not need: a
    thumbnail of some other document, Word 2010's duplicate style sheet, a bibliography
    store, and about a hundred table styles (most of styles.xml)."""
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package.rels.pop(rel_id)
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (STYLES_WITH_EFFECTS, RT.CUSTOM_XML):
            document.part.drop_rel(rel_id)
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in KEEP_TABLES:
            styles.remove(style)


# --- Writing the text ---------------------------------------------------------------------


class Letter:
    """Adds paragraphs to a letter document; `tag` adds a docxtpl paragraph tag."""

    def __init__(self, document):
        self.document = document

    def para(self, *runs, style="Normal", keep_with_next=False):
        paragraph = self.document.add_paragraph(style=style)
        for run in runs:
            if isinstance(run, tuple):  # ("text", "bold")
                paragraph.add_run(run[0]).bold = True
            else:
                paragraph.add_run(run)
        if keep_with_next:
            paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def heading(self):
        """Every letter's top: the sender's lines, the date, the addressee and "Dear ...",
        from the variables forms.formatting.letter gives."""
        self.each("line", "sender_lines", "Sender Address")
        self.para("{{ letter_date }}", style="Date")
        self.each("line", "addressee", "Recipient Address")
        self.para("{{ salutation }}", style="Salutation")

    def sign_off(self):
        """Every letter's end: "Yours sincerely" or "Yours faithfully", room to sign, the name."""
        return self.closing("{{ sign_off }}", "{{ signer }}")

    def closing(self, sign_off, name, room_to_sign=3):
        paragraph = self.document.add_paragraph(sign_off, style="Closing")
        run = paragraph.add_run()
        for _ in range(room_to_sign):
            run.add_break()
        paragraph.add_run(name)
        return paragraph

    def tag(self, statement):
        self.document.add_paragraph(f"{{%p {statement} %}}")

    def each(self, variable, items, style):
        """One paragraph in `style` for each item of a list variable."""
        self.tag(f"for {variable} in {items}")
        self.para(f"{{{{ {variable} }}}}", style=style)
        self.tag("endfor")


# In a blank template, a note the reader deletes along with whatever does not apply.
DELETE_IF_NOT_NEEDED = "{% if blank %} [delete if not needed]{% endif %}"


def save_reproducibly(document, path):
    """Save with fixed zip timestamps, so an unchanged template is an unchanged file."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
