"""The shared look of every generated template: an A4 letter with en-GB styles, and the
`Letter` writer that adds paragraphs and docxtpl tags to it.

The layout lives in paragraph styles (spacing, alignment, lists), never in empty paragraphs.
docxtpl tags sit in the text: `{{ variable }}` in runs, and `{%p ... %}` alone in a paragraph
for loops and conditions (docxtpl removes those paragraphs when it renders). The variables
must be exactly the keys of the document's `build_context`; tests/forms check that.

Rules for the printed page that hold in every document, whichever builder made it:
- the sign-off never sits alone on a last page: `Letter.closing` keeps the last two paragraphs
  before it (on every path through the template's conditions) whole and with it;
- no table row splits across pages, and every header row repeats on each page with one fill:
  `table_rules`, which `save_reproducibly` applies to every table before saving.
"""

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
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
HEADER_FILL = "F3F2F1"  # the one fill of every table's header cells
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
    # A part of a section (an area of need under "has special educational needs"): italic as
    # well as bold, so it does not read as a section of its own.
    _heading(styles["Heading 3"], size=11, before=8, after=2, italic=True)
    for level in range(4, 10):  # unused here, but Arial and black if someone adds one
        _heading(styles[f"Heading {level}"], size=11, before=10, after=4)

    _paragraph_style(styles, "Sender Address", align=WD_ALIGN_PARAGRAPH.RIGHT, after=0)
    _paragraph_style(styles, "Date", align=WD_ALIGN_PARAGRAPH.RIGHT, before=12, after=12)
    _paragraph_style(styles, "Recipient Address", after=0, keep_with_next=True)
    _paragraph_style(styles, "Salutation", before=20, after=10, keep_with_next=True)
    # The sign-off and the name share one paragraph, with room to sign between them, so the
    # name can never be left alone on a page: LibreOffice breaks "keep with next" when the
    # kept paragraph has large spacing below it. It keeps with what follows it (a role, a
    # "Copy to" line), so that never starts a page of its own either.
    closing = _paragraph_style(styles, "Closing", before=4, after=0, keep_with_next=True)
    closing.paragraph_format.keep_together = True
    _paragraph_style(styles, "Copy To", before=20, after=0)

    footer = styles["Footer"]
    footer.font.size = Pt(9)
    footer.font.color.rgb = QUIET_COLOUR
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _heading(style, *, size, before, after, italic=False):
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is not None:
        rpr.remove(fonts)  # inherit Arial from Normal instead of the theme's heading font
    style.font.size = Pt(size)
    style.font.bold = True
    style.font.italic = italic
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
    """'Page 1 of 2', with Word fields so it stays right however long the letter is; above
    it, only when the engine gives one, the line of the advice service the document was made
    with (its `organisation_line`)."""
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles["Footer"]
    for text in (
        "{%p if organisation_line is defined and organisation_line %}",
        "{{ organisation_line }}",
        "{%p endif %}",
    ):
        paragraph.insert_paragraph_before(text, style=document.styles["Footer"])
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

    def closing(self, sign_off, name, room_to_sign=3, *, lead=()):
        """The sign-off, room to sign and the name, kept on one page with the paragraphs
        before it: a last page never holds only a thank-you and the signature.

        `lead` puts the letter's last sentences (a request for a reply, a thank-you) in the
        same paragraph, a blank line apart. LibreOffice (7.4) ignores "keep with next" when
        the kept paragraph ends within a line of the foot of a page, but never splits one
        paragraph, so a letter whose ending must not part uses it."""
        keep_with_closing(self.document)
        paragraph = self.document.add_paragraph(style="Closing")
        for text in lead:
            paragraph.add_run(text)
            _blank_line(paragraph)
        paragraph.add_run(sign_off)
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


def _blank_line(paragraph):
    """The space between two paragraphs, inside one: two line breaks."""
    run = paragraph.add_run()
    for _ in range(2):
        run.add_break()


# --- Keeping the end of a letter together -------------------------------------------------

KEPT_BEFORE_CLOSING = 2  # paragraphs kept whole and with the sign-off
_PARAGRAPH_TAG = re.compile(r"\{%p\s+(\w+)")


def keep_with_closing(document, count=KEPT_BEFORE_CLOSING):
    """Keep the last `count` paragraphs of the body so far whole and with what follows: the
    sign-off about to be added.

    docxtpl removes the `{%p ... %}` tag paragraphs, and which paragraph ends up before the
    sign-off depends on the answers: the last paragraph of an `if` block or the one before the
    block, a loop's paragraph or what comes before the loop. So this walks back through the
    template's conditions and loops and marks every paragraph that is one of the last
    `count` on any path.
    """
    body = document.element.body
    _mark_last(_template_blocks(body.iterchildren(qn("w:p"), qn("w:tbl"))), frozenset({count}))


@dataclass
class _Block:
    """An `if` (its branches, and whether one of them always renders) or a `for` (one
    branch, its body, rendered any number of times)."""

    kind: str
    branches: list = field(default_factory=lambda: [[]])
    has_else: bool = False


def _template_blocks(elements):
    """Body paragraphs and tables, nested in the `{%p if/for %}` blocks that hold them. Blocks
    still open at the end hold the place the next paragraph goes: what comes before it in its
    own branch leads up to it, so those blocks are flattened into their parents."""
    top = []
    current, open_blocks = top, []
    for element in elements:
        tag = None
        if element.tag == qn("w:p"):
            tag = _PARAGRAPH_TAG.search("".join(element.itertext()))
        if tag is None:
            current.append(element)
            continue
        keyword = tag.group(1)
        if keyword in ("if", "for"):
            block = _Block(keyword)
            current.append(block)
            open_blocks.append((current, block))
            current = block.branches[-1]
        elif keyword in ("elif", "else") and open_blocks and open_blocks[-1][1].kind == "if":
            block = open_blocks[-1][1]
            block.branches.append([])
            block.has_else = block.has_else or keyword == "else"
            current = block.branches[-1]
        elif keyword in ("endif", "endfor") and open_blocks:
            current, _ = open_blocks.pop()
        # any other {%p %} tag (such as a `set`) renders nothing
    while open_blocks:
        parent, _ = open_blocks.pop()
        parent[-1:] = current
        current = parent
    return top


def _mark_last(items, remaining):
    """Walk back through `items`, keeping a paragraph whole and with the next while any path
    still has paragraphs to mark. `remaining` is how many are left to mark on each path that
    reaches the end of `items`; returns the same for the paths that leave their start."""
    for item in reversed(items):
        if not any(remaining):
            break
        if isinstance(item, _Block) and item.kind == "if":
            after = set().union(*(_mark_last(branch, remaining) for branch in item.branches))
            remaining = frozenset(after if item.has_else else after | remaining)
        elif isinstance(item, _Block):  # a loop: none, once, or any number of times round
            after = remaining
            while (more := after | _mark_last(item.branches[0], after)) != after:
                after = more
            remaining = after
        else:
            if item.tag == qn("w:p"):
                properties = item.get_or_add_pPr()
                properties.keepNext_val = True
                properties.keepLines_val = True
            remaining = frozenset(max(left - 1, 0) for left in remaining)
    return remaining


# --- Tables on paper ----------------------------------------------------------------------

# The order the schema gives the properties of a row and of a cell.
_ROW_PROPERTIES = (
    "cnfStyle", "divId", "gridBefore", "gridAfter", "wBefore", "wAfter", "cantSplit",
    "trHeight", "tblHeader", "tblCellSpacing", "jc", "hidden", "ins", "del", "trPrChange",
)  # fmt: skip
_CELL_PROPERTIES = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange",
)  # fmt: skip


def property_element(properties, name, order):
    """The `w:<name>` child of a properties element, added in the schema's `order` if it is
    missing."""
    found = properties.find(qn(f"w:{name}"))
    if found is not None:
        return found
    element = OxmlElement(f"w:{name}")
    later = {qn(f"w:{each}") for each in order[order.index(name) + 1 :]}
    following = next((child for child in properties if child.tag in later), None)
    if following is None:
        properties.append(element)
    else:
        following.addprevious(element)
    return element


def row_property(row, name):
    """A row's `w:cantSplit`, `w:trHeight`, `w:tblHeader`... (`row` is a w:tr element)."""
    return property_element(row.get_or_add_trPr(), name, _ROW_PROPERTIES)


def shade(cell, fill=HEADER_FILL):
    """Fill a cell (a w:tc element) with one flat colour."""
    shading = property_element(cell.get_or_add_tcPr(), "shd", _CELL_PROPERTIES)
    shading.attrib.clear()
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)


def table_rules(document):
    """What every table does on paper, however it was made: no row splits across pages
    (a row longer than a page still breaks), and every header row, which Word and LibreOffice
    repeat at the top of each page, has the one header fill."""
    for table in document.element.body.iter(qn("w:tbl")):
        for row in table.iterchildren(qn("w:tr")):
            row_property(row, "cantSplit").attrib.clear()  # present means true
            for extra in row.trPr.findall(qn("w:cantSplit"))[1:]:
                row.trPr.remove(extra)
            if row.trPr.find(qn("w:tblHeader")) is not None:
                for cell in row.iterchildren(qn("w:tc")):
                    shade(cell)


# In a blank template, a note the reader deletes along with whatever does not apply.
DELETE_IF_NOT_NEEDED = "{% if blank %} [delete if not needed]{% endif %}"


def save_reproducibly(document, path):
    """Save with the table rules applied and fixed zip timestamps, so an unchanged template
    is an unchanged file."""
    table_rules(document)
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(item.filename))
