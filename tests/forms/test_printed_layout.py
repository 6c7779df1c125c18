"""Every document as it is printed: each example and blank template rendered by the app's own
renderer, then (tests marked libreoffice) converted to PDF by real LibreOffice and read back
with pypdf. The sign-off never sits alone on a last page, no table row splits across pages,
and no date in a table wraps ("9 November" / "2026")."""

import io
import re
import zipfile

import docx
import pytest
from docx.shared import Emu, Mm, Pt, Twips

from forms import CATALOGUE
from scripts.docx_templates.plan_layout import Column, Plan, _text, date_width, plan_document
from scripts.docx_templates.styles import save_reproducibly
from service.answers import blank_answers, validate_answers
from service.documents import render_document
from tests.forms.documents import printed_pages, template_path
from tests.settings import make_app

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DOCUMENTS = {document.slug: document for document in CATALOGUE}
KINDS = ("example", "blank")
CASES = [(slug, kind) for slug in DOCUMENTS for kind in KINDS]
# Letters: documents whose template has a sign-off (the Closing style).
LETTERS = [
    slug
    for slug, document in DOCUMENTS.items()
    if b'w:val="Closing"' in zipfile.ZipFile(template_path(document)).read("word/document.xml")
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DATE = re.compile(rf"(?:[1-9]|[12]\d|3[01]) (?:{'|'.join(MONTHS)}) \d{{4}}")
DEFAULT_CELL_MARGIN = 108  # twips, each side: Word's own when a table sets none


@pytest.fixture(scope="module")
def rendered():
    """{(slug, "example" or "blank"): the .docx bytes the service gives}."""
    app = make_app()
    found = {}
    with app.app_context(), app.test_request_context():
        for slug, document in DOCUMENTS.items():
            validated = validate_answers(document, document.example)
            assert validated.errors == {}, validated.errors
            found[slug, "example"] = render_document(document, validated.answers)
            found[slug, "blank"] = render_document(document, blank_answers(document), blank=True)
    return found


def opened(data):
    return docx.Document(io.BytesIO(data))


def squashed(text):
    return re.sub(r"\s+", "", text)


def one_spaced(text):
    return " ".join(text.split())


# --- In the rendered .docx ----------------------------------------------------------------


@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_no_rendered_table_row_can_split(rendered, slug, kind):
    body = opened(rendered[slug, kind]).element.body
    for row in body.iter(f"{W}tr"):
        split = row.find(f"{W}trPr/{W}cantSplit")
        assert split is not None, "".join(row.itertext())


def before_each_sign_off(document):
    """(the sign-off paragraph, the two body paragraphs before it) for each sign-off."""
    found = []
    children = [child for child in document.element.body if child.tag in (f"{W}p", f"{W}tbl")]
    paragraphs = {p._p: p for p in document.paragraphs}
    for index, child in enumerate(children):
        paragraph = paragraphs.get(child)
        if paragraph is not None and paragraph.style.name == "Closing":
            found.append((paragraph, [paragraphs[c] for c in children[index - 2 : index]]))
    return found


@pytest.mark.parametrize(("slug", "kind"), [(slug, kind) for slug in LETTERS for kind in KINDS])
def test_the_two_paragraphs_before_the_sign_off_are_kept_with_it(rendered, slug, kind):
    endings = before_each_sign_off(opened(rendered[slug, kind]))
    assert endings
    for _, before in endings:
        for paragraph in before:
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
            assert paragraph.paragraph_format.keep_together, paragraph.text


def font_size(paragraph):
    for run in paragraph.runs:
        if run.font.size is not None:
            return run.font.size
    style = paragraph.style
    while style is not None:
        if style.font.size is not None:
            return style.font.size
        style = style.base_style
    return Pt(11)


def bold(paragraph):
    style = paragraph.style
    return any(run.bold for run in paragraph.runs) or bool(style.font.bold)


def side_margins(table):
    """The left and right cell margins of a table: its own, its style's, or Word's."""
    for properties in (table._tbl.tblPr, getattr(table.style, "element", None)):
        margins = None if properties is None else properties.find(f".//{W}tblCellMar")
        if margins is not None:
            return Twips(
                sum(
                    int(margins.find(f"{W}{side}").get(f"{W}w", DEFAULT_CELL_MARGIN))
                    if margins.find(f"{W}{side}") is not None
                    else DEFAULT_CELL_MARGIN
                    for side in ("left", "right")
                )
            )
    return Twips(2 * DEFAULT_CELL_MARGIN)


def date_cells(document):
    """(table, grid column index, paragraph) for each table-cell paragraph that is a date
    (perhaps with a note in brackets after it)."""
    for table in document.tables:
        for row in table.rows:
            if row._tr.find(f"{W}trPr/{W}tblHeader") is not None:
                continue
            column = 0
            for cell in row._tr.findall(f"{W}tc"):
                span = cell.find(f"{W}tcPr/{W}gridSpan")
                width = 1 if span is None else int(span.get(f"{W}val"))
                for element in cell.findall(f"{W}p"):
                    paragraph = docx.text.paragraph.Paragraph(element, table)
                    if DATE.fullmatch(paragraph.text.split(" (")[0].strip()):
                        yield table, column, paragraph
                column += width


@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_every_date_column_has_room_for_the_widest_date(rendered, slug, kind):
    """A column that shows a date on its own must fit "30 September 2026" on one line in its
    text size, whichever date this example happens to hold."""
    narrow = []
    for table, column, paragraph in date_cells(opened(rendered[slug, kind])):
        grid = table._tbl.tblGrid.findall(f"{W}gridCol")
        width = Twips(int(grid[column].get(f"{W}w")))
        needed = date_width(bold(paragraph), font_size(paragraph), side_margins(table))
        if width < needed:
            heading = table.rows[0].cells[column].text
            narrow.append(f"{heading!r}: {width.mm:.1f} mm, needs {needed.mm:.0f} mm")
    assert not narrow, sorted(set(narrow))


# --- In the PDF ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def printed(rendered, soffice_path, tmp_path_factory):
    """{(slug, kind): the text of each page of its PDF}."""
    folder = tmp_path_factory.mktemp("printed")
    sources = []
    for (slug, kind), data in rendered.items():
        source = folder / f"{slug}-{kind}.docx"
        source.write_bytes(data)
        sources.append(source)
    return dict(zip(rendered, printed_pages(soffice_path, folder, sources), strict=True))


@pytest.mark.libreoffice
@pytest.mark.parametrize(("slug", "kind"), [(slug, kind) for slug in LETTERS for kind in KINDS])
def test_the_sign_off_page_carries_the_closing_paragraphs(rendered, printed, slug, kind):
    """No page holds only a thank-you and the signature: the page with the sign-off has the
    two paragraphs before it, whole."""
    pages = [squashed(page) for page in printed[slug, kind]]
    for closing, before in before_each_sign_off(opened(rendered[slug, kind])):
        on = [index for index, page in enumerate(pages) if squashed(closing.text) in page]
        assert on, closing.text
        for paragraph in before:
            assert squashed(paragraph.text) in pages[on[-1]], (
                f"page {on[-1] + 1} of {len(pages)} lacks: {paragraph.text}"
            )


@pytest.mark.libreoffice
@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_no_table_row_is_divided_between_pages(rendered, printed, slug, kind):
    pages = [squashed(page) for page in printed[slug, kind]]
    for table in opened(rendered[slug, kind]).tables:
        for row in table.rows:
            if row._tr.find(f"{W}trPr/{W}tblHeader") is not None:
                continue  # repeated on every page
            texts = {squashed(p.text) for cell in row.cells for p in cell.paragraphs} - {""}
            assert any(all(text in page for text in texts) for page in pages), texts


@pytest.mark.libreoffice
@pytest.mark.parametrize(("slug", "kind"), CASES)
def test_dates_in_tables_print_whole_on_one_line(rendered, printed, slug, kind):
    """What would have caught "9 November" / "2026" in a plan's narrow date column."""
    lines = [one_spaced(line) for page in printed[slug, kind] for line in page.splitlines()]
    broken = [
        paragraph.text
        for _, _, paragraph in date_cells(opened(rendered[slug, kind]))
        if not any(one_spaced(paragraph.text.split(" (")[0]) in line for line in lines)
    ]
    assert not broken, broken


@pytest.mark.libreoffice
def test_date_width_is_what_libreoffice_needs(soffice_path, tmp_path):
    """Every month's longest date prints on one line in a column of date_width(), bold or
    not; 2 mm less and the widest one wraps, so the measure is not far too generous."""
    dates = [f"{28 if month == 'February' else 30} {month} 2026" for month in MONTHS]
    plan = Plan(plan_document("Dates"))
    for is_bold, width in ((False, date_width()), (True, date_width(bold=True))):
        for column_width in (width, Emu(width - Mm(2))):
            columns = (
                Column("Date", column_width, None, bold=is_bold),
                Column("Words", Mm(100), None),
            )
            table = plan._table(columns, "Dates", rows=len(dates))
            for row, date in zip(table.rows, dates, strict=True):
                _text(row.cells[0], date, bold=is_bold)
                _text(row.cells[1], f"{column_width.mm:.0f} mm")
            plan.para("After the table")
    source = tmp_path / "dates.docx"
    save_reproducibly(plan.document, source)
    lines = [one_spaced(line) for page in printed_pages(soffice_path, tmp_path, [source])[0]
             for line in page.splitlines()]  # fmt: skip
    text = "\n".join(lines)
    wide, wide_bold = f"{date_width().mm:.0f} mm", f"{date_width(bold=True).mm:.0f} mm"
    for date in dates:
        assert f"{date} {wide}" in text
        assert f"{date} {wide_bold}" in text
    assert "30 September\n2026" in text  # only the narrow columns wrap
