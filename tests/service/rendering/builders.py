"""Small Word templates built with python-docx, one feature of docxtpl each, and the
comparisons that say whether the engine's output equals plain docxtpl's."""

import io
import struct
import zipfile
import zlib

import docx
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx2python import docx2python
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# The variables the letter template asks for, and nothing else.
LETTER_VARIABLES = {
    "sender",
    "address",
    "recipient",
    "child",
    "first_name",
    "items",
    "flag",
    "rows",
    "note",
    "reference",
    "long_text",
}


def _set_language(document, language):
    """Give the Normal style a proofing language, as an en-GB template has."""
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.append(lang)


def build_letter(path):
    """Everything a letter uses: variables, paragraph loop and condition, a table with a
    header row and a row loop, a header and a footer, a tag split across runs."""
    document = docx.Document()
    _set_language(document, "en-GB")
    section = document.sections[0]
    section.header.paragraphs[0].text = "From {{ sender }}, {{ address }}"
    section.footer.paragraphs[0].text = "Our reference: {{ reference }}"

    document.add_paragraph("{{ sender }}")
    document.add_paragraph("{{ address }}")
    document.add_paragraph("Dear {{ recipient }},")
    split = document.add_paragraph("I am writing about {{ fir")
    split.add_run("st_na").bold = True
    split.add_run("me }} ({{ child }}), who needs support.")
    document.add_paragraph("The concerns are:")
    document.add_paragraph("{%p for item in items %}")
    document.add_paragraph("{{ item }}", style="List Bullet")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p if flag %}")
    document.add_paragraph("Please also note: {{ note }}")
    document.add_paragraph("{%p endif %}")

    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    for column, heading in enumerate(("Date", "What happened", "Outcome")):
        table.cell(0, column).text = heading
    table.cell(1, 0).text = "{%tr for row in rows %}"
    table.cell(2, 0).text = "{{ row.date }}"
    table.cell(2, 1).text = "{{ row.what }}"
    table.cell(2, 2).text = "{{ row.outcome }}"
    table.cell(3, 0).text = "{%tr endfor %}"

    document.add_paragraph("{{ long_text }}")
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph("{{ sender }}")
    document.save(path)
    return path


def build_static(path):
    """No Jinja tags at all."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "A fixed header"
    document.add_paragraph("Nothing to fill in here.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "fixed"
    document.save(path)
    return path


def build_columns(path):
    """A `{%tc` column loop: rendered rows have more cells than the grid has columns, so
    docxtpl's fix_tables must widen the grid."""
    document = docx.Document()
    document.add_paragraph("Columns for {{ title }}")
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "{%tc for column in columns %}"
    table.cell(0, 1).text = "{{ column }}"
    table.cell(0, 2).text = "{%tc endfor %}"
    document.save(path)
    return path


def build_only_loop_table(path):
    """A table made only of a row loop: with no rows, fix_tables empties its grid."""
    document = docx.Document()
    document.add_paragraph("Rows for {{ title }}")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "{%tr for row in rows %}"
    table.cell(1, 0).text = "{{ row }}"
    table.cell(2, 0).text = "{%tr endfor %}"
    document.save(path)
    return path


def build_irregular_tables(path):
    """Tables fix_tables changes although no tag touches a cell: a row starting with
    w:gridBefore (fewer cells than grid columns) and a nested table wider than its parent."""
    document = docx.Document()
    document.add_paragraph("Tables for {{ title }}")
    shifted = document.add_table(rows=1, cols=2)
    row = shifted.rows[0]._tr
    row.remove(row.tc_lst[0])
    before = OxmlElement("w:gridBefore")
    before.set(qn("w:val"), "1")
    row.get_or_add_trPr().append(before)
    row.tc_lst[0].clear_content()
    row.tc_lst[0].add_p().append(OxmlElement("w:r"))
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "{{ title }}"
    inner = outer.cell(0, 1).add_table(rows=1, cols=4)
    inner.cell(0, 3).text = "{{ title }}"
    document.add_paragraph("")
    document.save(path)
    return path


def _png(width=2, height=2):
    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    rows = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def build_pictures(path):
    """Pictures in the body: docxtpl renumbers every wp:docPr id from 1001."""
    document = docx.Document()
    document.add_picture(io.BytesIO(_png()))
    document.add_paragraph("{%p for name in names %}")
    document.add_paragraph("{{ name }}")
    document.add_paragraph("{%p endfor %}")
    document.add_picture(io.BytesIO(_png()))
    document.save(path)
    return path


FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    f'<w:footnotes xmlns:w="{W_NS}">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
    '<w:r><w:t xml:space="preserve"> Source: {{ source }}.</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)


def build_footnotes(path):
    """A footnote with a variable (python-docx cannot write footnotes; the part is added
    through its packaging API)."""
    document = docx.Document()
    paragraph = document.add_paragraph("Claim about {{ subject }}")
    reference = OxmlElement("w:footnoteReference")
    reference.set(qn("w:id"), "1")
    paragraph.add_run()._r.append(reference)
    part = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        FOOTNOTES_XML.encode("utf-8"),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)
    document.save(path)
    return path


def build_escapes(path):
    """docxtpl's escapes in the template's own text, in the body and in a header: there they
    print a literal `{{`, `}}`, `{%` and `%}`."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Header {_{ x }_} for {{ name }}"
    document.add_paragraph("Write {_{ name }_} or {_% if x %_} to print {{ name }}")
    document.save(path)
    return path


def build_broken(path):
    """Tags that straddle a paragraph and a table cell: with `flag` false, the output loses
    the table's start tags but keeps its end tags."""
    document = docx.Document()
    document.add_paragraph("Before {% if flag %}")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "{% endif %} after"
    document.save(path)
    return path


def build_core_properties(path, **properties):
    document = docx.Document()
    document.add_paragraph("Hello {{ name }}")
    for name, value in properties.items():
        setattr(document.core_properties, name, value)
    document.save(path)
    return path


# -- comparing outputs -------------------------------------------------------------------


def entries(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def replace_in_parts(data, old, new):
    """The package with the text `old` replaced by `new` in every XML part."""
    old_bytes, new_bytes = old.encode("utf-8"), new.encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries(data).items():
            xml = name.endswith((".xml", ".rels"))
            archive.writestr(name, content.replace(old_bytes, new_bytes) if xml else content)
    return buffer.getvalue()


def c14n(xml_bytes):
    return etree.tostring(etree.fromstring(xml_bytes), method="c14n")


def body_c14n(document_xml):
    body = etree.fromstring(document_xml).find(f"{{{W_NS}}}body")
    return etree.tostring(body, method="c14n")


def assert_same_as_docxtpl(engine, plain):
    """Same entries; document.xml equal once canonicalised (body and all); every other part
    byte for byte equal, except docProps/core.xml, which the engine fixes at compile time."""
    ours, theirs = entries(engine), entries(plain)
    assert sorted(ours) == sorted(theirs)
    assert body_c14n(ours["word/document.xml"]) == body_c14n(theirs["word/document.xml"])
    assert c14n(ours["word/document.xml"]) == c14n(theirs["word/document.xml"])
    for name in ours:
        if name in {"word/document.xml", "docProps/core.xml"}:
            continue
        if name.endswith(".xml"):
            assert c14n(ours[name]) == c14n(theirs[name]), name
        assert ours[name] == theirs[name], name


def python_docx_text(data):
    """Body paragraphs, table cells, headers and footers, as python-docx reads them."""
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        texts.extend(paragraph.text for paragraph in section.header.paragraphs)
        texts.extend(paragraph.text for paragraph in section.footer.paragraphs)
    return "\n".join(texts)


def docx2python_text(data):
    with docx2python(io.BytesIO(data)) as content:
        return content.text


def build_optional_footer(path):
    """A body that reads `title`, and a footer that prints `line` only when it is given, as
    the service's templates print an advice service's line."""
    document = docx.Document()
    footer = document.sections[0].footer.paragraphs[0]
    footer.text = "Page one"
    for text in ("{%p if line is defined and line %}", "{{ line }}", "{%p endif %}"):
        footer.insert_paragraph_before(text)
    document.add_paragraph("{{ title }}")
    document.save(path)
    return path
