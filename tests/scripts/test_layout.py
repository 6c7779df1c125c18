"""The printed layout every template shares (styles.py, plan_layout.py), checked in the XML of
each freshly built template: the end of a letter stays together, no table row splits across
pages, header rows repeat with one fill, and a date column is wide enough for any date.
tests/forms/test_printed_layout.py checks the same on rendered documents and real PDFs."""

import io
import itertools
import zipfile

import docx
import pytest
from docx.shared import Mm
from docxtpl import DocxTemplate
from lxml import etree

from scripts.docx_templates import builders
from scripts.docx_templates.plan_layout import Column, Plan, date_width, plan_document
from scripts.docx_templates.styles import (
    HEADER_FILL,
    Letter,
    letter_document,
    save_reproducibly,
    table_rules,
)

BUILDERS = builders()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def built(name):
    """(document.xml, styles.xml) of a template as the builder makes it now."""
    buffer = io.BytesIO()
    save_reproducibly(BUILDERS[name](), buffer)
    with zipfile.ZipFile(buffer) as package:
        return tuple(
            etree.fromstring(package.read(f"word/{part}.xml")) for part in ("document", "styles")
        )


def text(element):
    return "".join(element.itertext())


def is_tag(paragraph):
    return "{%p" in text(paragraph)


def style_of(paragraph):
    style = paragraph.find(f"{W}pPr/{W}pStyle")
    return None if style is None else style.get(f"{W}val")


def flag(properties, name):
    """Whether an on/off property (keepNext, cantSplit...) is on in a properties element."""
    element = None if properties is None else properties.find(f"{W}{name}")
    return element is not None and element.get(f"{W}val") not in ("0", "false", "off")


# --- The end of a letter ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_paragraphs_before_each_sign_off_are_kept_whole_and_with_it(name):
    body, _ = built(name)
    paragraphs = list(body.iter(f"{W}p"))
    for index, paragraph in enumerate(paragraphs):
        if style_of(paragraph) != "Closing":
            continue
        before = [p for p in reversed(paragraphs[:index]) if not is_tag(p)][:2]
        assert len(before) == 2
        for kept in before:
            properties = kept.find(f"{W}pPr")
            assert flag(properties, "keepNext"), text(kept)
            assert flag(properties, "keepLines"), text(kept)


def test_the_sign_off_keeps_its_lines_together_and_with_what_follows():
    _, styles = built("concern-letter.docx")
    closing = styles.find(f"{W}style[@{W}styleId='Closing']")
    assert flag(closing.find(f"{W}pPr"), "keepNext")
    assert flag(closing.find(f"{W}pPr"), "keepLines")


def letter_ending(*paragraphs, after=()):
    """A letter of the given paragraphs ("{%p ... %}" makes a tag), the sign-off, and the
    paragraphs `after` it."""
    letter = Letter(letter_document())

    def add(paragraph):
        if paragraph.startswith("{%p"):
            letter.tag(paragraph[4:-3])
        else:
            letter.para(paragraph)

    for paragraph in paragraphs:
        add(paragraph)
    letter.closing("Yours sincerely", "Sam")
    for paragraph in after:
        add(paragraph)
    return letter.document


def rendered_ending(document, context):
    """The texts of the paragraphs before the sign-off, rendered, each with whether it is kept
    whole and with the next."""
    buffer = io.BytesIO()
    document.save(buffer)
    buffer.seek(0)
    template = DocxTemplate(buffer)
    template.render(context, autoescape=True)
    output = io.BytesIO()
    template.save(output)
    output.seek(0)
    paragraphs = docx.Document(output).paragraphs
    closing = next(i for i, p in enumerate(paragraphs) if p.style.name == "Closing")
    return [
        (p.text, bool(p.paragraph_format.keep_with_next and p.paragraph_format.keep_together))
        for p in paragraphs[:closing]
    ]


ENDINGS = {
    "plain": (("Start", "Reply", "Thanks"), {}),
    "if": (("Start", "Reply", "{%p if x %}", "Extra", "{%p endif %}", "Thanks"), {"x": [0, 1]}),
    "if at the end": (("Start", "Reply", "{%p if x %}", "Extra", "{%p endif %}"), {"x": [0, 1]}),
    "if else": (
        ("Start", "Before", "{%p if x %}", "One", "{%p else %}", "Two", "Three", "{%p endif %}"),
        {"x": [0, 1]},
    ),
    "elif": (
        ("Start", "Before", "{%p if x == 1 %}", "One", "{%p elif x == 2 %}", "Two", "{%p endif %}"),
        {"x": [0, 1, 2]},
    ),
    "loop": (
        ("Start", "Before", "{%p for item in items %}", "{{ item }}", "{%p endfor %}"),
        {"items": [[], ["a"], ["a", "b"], ["a", "b", "c"]]},
    ),
    "nested": (
        (
            "Start",
            "Before",
            "{%p if x %}",
            "Intro",
            "{%p if y %}",
            "Extra",
            "{%p endif %}",
            "{%p endif %}",
        ),
        {"x": [0, 1], "y": [0, 1]},
    ),
}


@pytest.mark.parametrize("case", sorted(ENDINGS))
def test_whatever_the_answers_the_last_two_paragraphs_stay_with_the_sign_off(case):
    """docxtpl takes the tag paragraphs out, and the answers decide which paragraphs come
    last; on every path the last two are kept, and a paragraph never among them is not."""
    paragraphs, choices = ENDINGS[case]
    document = letter_ending("Opening", *paragraphs)
    for values in itertools.product(*choices.values()):
        ending = rendered_ending(document, dict(zip(choices, values, strict=True)))
        assert all(kept for _, kept in ending[-2:]), (values, ending)
        assert ending[0] == ("Opening", False)


def test_a_sign_off_inside_a_block_keeps_what_comes_before_it_in_that_block():
    """As in the records request's consent note: a heading, its text and a signature, all in
    one `if`; the letter's own ending before the block is not tied to them."""
    document = letter_ending(
        "Opening", "Letter ends", "{%p if x %}", "Note", "Note text", after=["{%p endif %}"]
    )
    assert [kept for _, kept in rendered_ending(document, {"x": 1})] == [False, False, True, True]


# --- Tables -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_no_table_row_splits_across_pages(name):
    body, _ = built(name)
    for row in body.iter(f"{W}tr"):
        assert flag(row.find(f"{W}trPr"), "cantSplit"), text(row)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_header_rows_repeat_and_every_table_uses_one_fill(name):
    body, _ = built(name)
    for table in body.iter(f"{W}tbl"):
        first = table.find(f"{W}tr")
        if "{%tr" not in text(first):  # a table that starts with a header row
            assert flag(first.find(f"{W}trPr"), "tblHeader"), text(first)
            for cell in first.iter(f"{W}tc"):
                shading = cell.find(f"{W}tcPr/{W}shd")
                assert shading is not None
                assert shading.get(f"{W}fill") == HEADER_FILL
        fills = {shading.get(f"{W}fill") for shading in table.iter(f"{W}shd")}
        assert fills <= {HEADER_FILL}, fills


def test_table_rules_apply_to_tables_made_outside_plan_layout():
    document = letter_document()
    table = document.add_table(rows=3, cols=2)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(etree.SubElement(header, f"{W}tblHeader"))
    table_rules(document)
    table_rules(document)  # twice changes nothing
    for row in table.rows:
        assert len(row._tr.trPr.findall(f"{W}cantSplit")) == 1
        assert row._tr.trPr[0].tag == f"{W}cantSplit"  # before tblHeader, as the schema says
    fills = [cell._tc.tcPr.find(f"{W}shd").get(f"{W}fill") for cell in table.rows[0].cells]
    assert fills == [HEADER_FILL, HEADER_FILL]
    assert table.rows[1].cells[0]._tc.tcPr.find(f"{W}shd") is None


def test_plan_tables_keep_rows_whole_with_a_signing_height_and_a_total():
    plan = Plan(plan_document("Plan"))
    columns = (Column("What", Mm(100), "item.what"), Column("Cost", Mm(60), "item.cost"))
    tables = [
        plan.repeating_table(columns, "item", "items", "Items", total=("Total", "total")),
        plan.signing_table(columns, "item", "items", "Signatures"),
        plan.key_value_table(Mm(60), Mm(100), "row", "rows", "Details"),
    ]
    for table in tables:
        for row in table.rows:
            properties = row._tr.trPr
            assert properties[0].tag == f"{W}cantSplit"
            assert len(properties.findall(f"{W}cantSplit")) == 1
    height = tables[1].rows[2]._tr.trPr
    assert [child.tag for child in height] == [f"{W}cantSplit", f"{W}trHeight"]


# --- Dates in tables ----------------------------------------------------------------------


def test_a_date_column_needs_room_for_30_september_2026():
    # 31.0 mm of 10 pt Arial, 3.5 mm of cell margins, a millimetre to spare
    assert date_width() == Mm(36)
    assert date_width(bold=True) == Mm(37)


@pytest.mark.parametrize("kind", ["repeating_table", "signing_table"])
def test_a_plan_refuses_a_date_column_too_narrow_for_a_date(kind):
    plan = Plan(plan_document("Plan"))
    narrow = (Column("Outcome", Mm(134), "o.text"), Column("By when", Mm(26), "o.due", date=True))
    with pytest.raises(ValueError, match=r"'By when' column holds dates.*at least 36 mm"):
        getattr(plan, kind)(narrow, "o", "outcomes", "Outcomes")
    wide = (Column("Outcome", Mm(124), "o.text"), Column("By when", Mm(36), "o.due", date=True))
    getattr(plan, kind)(wide, "o", "outcomes", "Outcomes")
    words = (Column("Outcome", Mm(134), "o.text"), Column("Who", Mm(26), "o.who"))
    getattr(plan, kind)(words, "o", "outcomes", "Outcomes")


def test_a_bold_date_column_needs_the_room_of_bold_text():
    plan = Plan(plan_document("Plan"))
    columns = (
        Column("What", Mm(124), "i.what"),
        Column("Due", Mm(36), "i.due", bold=True, date=True),
    )
    with pytest.raises(ValueError, match="at least 37 mm"):
        plan.repeating_table(columns, "i", "items", "Items")


def test_a_letters_sub_heading_reads_as_part_of_its_section():
    """In a letter, Heading 3 (an area of need, whose views) is italic as well as bold, so it
    does not look like a numbered section; a plan's headings, drawn larger, stay upright."""
    letter = letter_document().styles
    assert letter["Heading 3"].font.italic
    assert letter["Heading 3"].font.bold
    assert not letter["Heading 2"].font.italic
    assert not plan_document("Plan").styles["Heading 3"].font.italic
