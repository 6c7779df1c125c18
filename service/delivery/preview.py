"""An HTML preview of a rendered document, for check your answers.

mammoth turns the .docx into plain semantic HTML (headings, paragraphs, lists, tables); it
does not sanitise, so nh3 keeps only the tags and attributes a document needs, and links
only to web and email addresses. The page's Content-Security-Policy stays as it is.
"""

import io

import mammoth
import nh3
from markupsafe import Markup

# The page has its own h1 and a section h2: the document's headings sit below them.
_STYLE_MAP = """
p[style-name='Title'] => h3:fresh
p[style-name='Heading 1'] => h3:fresh
p[style-name='Heading 2'] => h4:fresh
p[style-name='Heading 3'] => h5:fresh
"""

_TAGS = {
    "p", "br", "strong", "em", "u", "s", "sup", "sub", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def preview_html(docx_bytes):
    """Safe HTML of the document's text and structure (no images, styles or scripts)."""
    result = mammoth.convert_to_html(
        io.BytesIO(docx_bytes), style_map=_STYLE_MAP, ignore_empty_paragraphs=True
    )
    clean = nh3.clean(
        result.value,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return Markup(clean)  # noqa: S704 (sanitised by nh3 just above)
