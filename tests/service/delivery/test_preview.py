"""The check-your-answers preview: the document's words, sanitised, never live markup."""

import io

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import html

from service.delivery.preview import preview_html


def docx_bytes(build):
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_link(paragraph, url, text):
    part = paragraph.part
    relation = part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def test_script_like_text_is_shown_as_text():
    typed = '<script>alert(1)</script> <img src=x onerror="alert(2)"> {{ 7*7 }}'
    preview = preview_html(docx_bytes(lambda d: d.add_paragraph(typed)))
    tree = html.fragment_fromstring(str(preview), create_parent="div")
    assert tree.xpath("//script") == []
    assert tree.xpath("//img") == []
    assert typed in tree.text_content()


def test_javascript_links_lose_their_target():
    def build(document):
        paragraph = document.add_paragraph("See ")
        add_link(paragraph, "javascript:alert(1)", "this")
        other = document.add_paragraph("And ")
        add_link(other, "https://www.ipsea.org.uk/", "IPSEA")

    tree = html.fragment_fromstring(str(preview_html(docx_bytes(build))), create_parent="div")
    hrefs = tree.xpath("//a/@href")
    assert "javascript:alert(1)" not in hrefs
    assert "https://www.ipsea.org.uk/" in hrefs
    assert "this" in tree.text_content()


def test_headings_sit_below_the_page_headings_and_tables_keep_their_cells():
    def build(document):
        document.add_heading("Subject", level=1)
        table = document.add_table(rows=1, cols=2)
        table.rows[0].cells[0].text = "Name"
        table.rows[0].cells[1].text = "Zoë"

    tree = html.fragment_fromstring(str(preview_html(docx_bytes(build))), create_parent="div")
    assert tree.xpath("//h1 | //h2") == []
    assert tree.xpath("//h3/text()") == ["Subject"]
    assert [cell.text_content() for cell in tree.xpath("//td")] == ["Name", "Zoë"]
