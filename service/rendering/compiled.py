"""A Word template parsed and compiled once, rendered many times.

`CompiledTemplate.render(context)` gives what plain docxtpl gives for the same template and
context (`DocxTemplate(path)`, `render(context, autoescape=True)`, `save(...)`): the same text
and the same structure in the body, headers, footers and footnotes. It gets there without
reopening the package: docxtpl's own `patch_xml` prepares each part once, Jinja compiles it
once, and the parts nothing can change are kept as compressed bytes (see package.py).

Per render, each part that holds Jinja tags goes through the steps docxtpl's `render()` applies
to it, in the same order, calling docxtpl's own code wherever it does real work:

- all parts (`render_xml_part`): Jinja, then removing the `\\n` put before each `<w:p`, and
  `resolve_listing` (skipped when the XML holds none of \\t \\a \\n \\f, where it cannot
  change anything). docxtpl's `{_{` to `{{` replacements are made once, at compile time, in
  the template's own text only (see below);
- body (`render`): `fix_tables` and `fix_docpr_ids`, skipped only when they cannot change
  anything. The rendered body is parsed strictly anyway (to refuse broken XML); when no
  `docPr` is present and, in every table, no row has more cells than the grid has columns
  and some row spans all of them, both are identities. Otherwise docxtpl's own functions run
  on the rendered body, as in docxtpl. (Cell-changing tags such as `{%tc`, colspan or hm are
  not the only way to trip fix_tables: a row loop that renders no rows, `w:gridBefore`, or a
  nested table with more columns than its parent do too, so the check is on the output.);
- headers and footers (`map_headers_footers_xml` then python-docx's save): parsed and
  serialised again with python-docx's parser, byte for byte as docxtpl writes them;
- footnotes (`render_footnotes`): written as rendered.

Deliberate differences from docxtpl, on the side of keeping values exact and failing loudly:

- undefined variables raise (`StrictUndefined`) instead of printing nothing;
- values are printed as they are: docxtpl turns its escapes `{_{`, `}_}`, `{_%` and `%_}` into
  `{{`, `}}`, `{%` and `%}` in the whole rendered part, so an answer typed as `{_{7*7}_}`
  came back as `{{7*7}}`. Here they are turned in the template's text at compile time, and
  nothing a value holds is rewritten (nor ever run: it is printed, escaped, as text);
- a character XML cannot carry (\\x00-\\x08, \\x0b, \\x0c, \\x0e-\\x1f, U+FFFE, U+FFFF, lone
  surrogates) raises `InvalidCharacterError` (docxtpl drops it silently from the body and
  raises an XML syntax error in a header);
- a rendered part that is not well-formed XML raises `MalformedOutputError` (docxtpl repairs
  the body with a recovering parser and writes whatever comes out);
- core properties are never rendered: at compile time the title is set and the author, last
  modified by, comments and keywords are cleared, so every output carries the same
  docProps/core.xml and no user data. A template whose core properties hold Jinja tags is
  refused at compile time;
- footnotes are rendered once (docxtpl renders them once per section, so in a document with
  several sections a value that looks like a Jinja tag is rendered as one);
- zip entries carry a fixed timestamp, so the same context gives the same bytes;
- given the answers the document was made from (`render(context, answers_xml=...)`), the
  package also carries them as a custom XML part, which docxtpl knows nothing of (see
  answers_part.py). Blank documents are rendered without it.

A CompiledTemplate is immutable after `from_path` and may be shared between threads.
"""

from __future__ import annotations

import copy
import io
import re
import types
import uuid
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.constants import CONTENT_TYPE
from docx.opc.oxml import parse_xml, serialize_part_xml
from docxtpl import DocxTemplate
from jinja2 import meta
from lxml import etree

from service.rendering import answers_part
from service.rendering.package import Entry, PackageLayout, read_entries
from service.text import XML_INVALID

# The docxtpl whose render() the steps in this module follow: review them before moving on.
DOCXTPL_VERSION = "0.20.2"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TBL_GRID, _GRID_COL = f"{_W}tbl", f"{_W}tblGrid", f"{_W}gridCol"
_TR, _TC, _TC_PR, _GRID_SPAN, _VAL = f"{_W}tr", f"{_W}tc", f"{_W}tcPr", f"{_W}gridSpan", f"{_W}val"

# render_xml_part: a newline before each paragraph while Jinja runs, taken out afterwards.
_PARAGRAPH_IN = re.compile(r"<w:p([ >])")
_JINJA_STARTS = ("{{", "{%", "{#")
# docxtpl's escapes for a literal "{{", "}}", "{%" or "%}" in a template, in its order.
_DOCXTPL_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_LISTING_CHARACTERS = ("\t", "\a", "\n", "\f")
# The core properties docxtpl renders through Jinja.
_RENDERED_PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
_CLEARED_PROPERTIES = ("author", "last_modified_by", "comments", "keywords")


class RenderingError(ValueError):
    """A template that cannot be compiled, or a render whose output would be broken."""


class TemplateCompileError(RenderingError):
    """The template cannot be compiled into something safe to render."""


class InvalidCharacterError(RenderingError):
    """A value holds a character that XML cannot carry; forms should have refused it."""


class MalformedOutputError(RenderingError):
    """A rendered part is not well-formed XML: the template's tags break its structure."""


def _environment() -> jinja2.Environment:
    # What docxtpl builds for autoescape=True, plus StrictUndefined: a missing value in a
    # letter must fail, not print nothing.
    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _has_jinja(xml: str) -> bool:
    return any(start in xml for start in _JINJA_STARTS)


def _unescape_template_text(tree: jinja2.nodes.Template) -> None:
    """Make docxtpl's escapes in the template's own text, never in what values print: the
    text between tags is all a template author can write them in."""
    for node in tree.find_all(jinja2.nodes.TemplateData):
        if "_" in node.data:
            for escape, literal in _DOCXTPL_ESCAPES:
                node.data = node.data.replace(escape, literal)


def _encode(xml: str, partname: str) -> bytes:
    try:
        return xml.encode("utf-8")
    except UnicodeEncodeError:
        raise _invalid_character(xml, partname) from None


def _invalid_character(xml: str, partname: str) -> RenderingError:
    match = XML_INVALID.search(xml)
    if match is None:
        return MalformedOutputError(f"{partname}: the rendered part cannot be encoded")
    return InvalidCharacterError(
        f"{partname}: U+{ord(match.group()):04X} cannot be written in a Word document"
    )


def _syntax_error(xml: str, partname: str, exc: etree.XMLSyntaxError) -> RenderingError:
    if XML_INVALID.search(xml):
        return _invalid_character(xml, partname)
    return MalformedOutputError(f"{partname}: the rendered part is not well-formed XML ({exc})")


def _tables_unchanged_by_fix_tables(root: etree._Element) -> bool:
    """True when docxtpl's `fix_tables` would leave every table in `root` as it is.

    `fix_tables` adds grid columns when a row (its nested tables' rows included) has more
    cells than the grid has columns, and removes some when no row spans all of them. When
    every table has a grid, no row has more cells than columns and some row spans them all,
    it changes nothing. Anything else is left to `fix_tables` itself.
    """
    for table in root.iter(_TBL):
        grid = table.find(_TBL_GRID)
        if grid is None:
            return False
        columns = len(grid.findall(_GRID_COL))
        spanned = False
        for row in table.iter(_TR):
            cells = row.findall(_TC)
            if len(cells) > columns:
                return False
            if not spanned:
                span = 0
                for cell in cells:
                    grid_span = cell.find(f"{_TC_PR}/{_GRID_SPAN}")
                    if grid_span is None:
                        span += 1
                    else:
                        value = grid_span.get(_VAL)
                        if value is None or not value.isdigit():
                            return False
                        span += int(value)
                spanned = span >= columns
        if not spanned:
            return False
    return True


class _Part:
    """One part of the package that docxtpl renders (body, header, footer or footnotes)."""

    __slots__ = ("name", "render", "template", "unset", "variables")

    def __init__(
        self,
        name: str,
        template: jinja2.Template,
        render: Callable[[_Part, Mapping[str, Any]], bytes],
        variables: frozenset[str] = frozenset(),
    ):
        self.name = name
        self.template = template
        self.render = render
        self.variables = variables  # the context names it reads
        # Its bytes when the context gives none of them, if it renders so: worked out once.
        # A footer that prints a line only when one is given costs nothing without it.
        self.unset: bytes | None = None

    def render_for(self, context: Mapping[str, Any]) -> bytes:
        if self.unset is not None and context.keys().isdisjoint(self.variables):
            return self.unset
        return self.render(self, context)


class CompiledTemplate:
    """A .docx template compiled once; `render(context)` gives the finished package's bytes."""

    __slots__ = (
        "_answers_item",
        "_answers_layout",
        "_body_end",
        "_body_start",
        "_document_prefix",
        "_document_suffix",
        "_helper",
        "_layout",
        "_parts",
        "path",
        "title",
        "variables",
    )

    path: Path
    title: str | None
    variables: frozenset[str]

    def __init__(self):
        raise TypeError("use CompiledTemplate.from_path(path)")

    @classmethod
    def from_path(cls, path: str | Path, *, title: str | None = None) -> CompiledTemplate:
        self = object.__new__(cls)
        self.path = Path(path)
        self.title = title
        self._compile()
        return self

    def __repr__(self):
        return f"<CompiledTemplate {self.path.name} parts={sorted(self.dynamic_parts)}>"

    @property
    def dynamic_parts(self) -> frozenset[str]:
        """Names of the zip entries rendered on every call."""
        return self._layout.slots

    # -- compile --------------------------------------------------------------------------

    def _compile(self) -> None:
        tpl = DocxTemplate(self.path)
        tpl.init_docx()
        self._helper = tpl  # patch_xml, resolve_listing and fix_tables keep no state
        self._set_core_properties(tpl.docx.core_properties)
        fixed = self._compile_parts(tpl, self._sources(tpl))
        self._layout = self._build_layout(_saved_package(tpl.docx), dict(fixed))
        # The same package with the answers part and what Word needs to keep it: only the
        # item itself is made per render (answers_part.item_xml).
        self._answers_item = answers_part.add_to(tpl.docx)
        self._answers_layout = self._build_layout(
            _saved_package(tpl.docx), fixed, slot=self._answers_item
        )
        tpl.docx = None  # the package is no longer needed; the helper methods do not use it

    def _sources(self, tpl: DocxTemplate) -> list[tuple[str, str, Callable]]:
        """(entry name, XML as docxtpl starts from it, render step) for each part it renders."""
        document = tpl.docx
        body = tpl.get_xml()  # xml_to_string(body), exactly what build_xml starts from
        self._split_document(document.element, body)
        sources = [(document.part.partname.membername, body, self._render_body)]
        seen = {sources[0][0]}
        for uri in (tpl.HEADER_URI, tpl.FOOTER_URI):
            for _rel_id, part in tpl.get_headers_footers(uri):
                name = part.partname.membername
                if name not in seen:  # docxtpl renders a part twice if two relations share it
                    seen.add(name)
                    sources.append((name, tpl.get_part_xml(part), self._render_header_footer))
        for part in document.part.package.iter_parts():
            if part.content_type == CONTENT_TYPE.WML_FOOTNOTES:
                blob = part.blob
                xml = blob.decode("utf-8") if isinstance(blob, bytes) else blob
                sources.append((part.partname.membername, xml, self._render_footnotes))
        return sources

    def _compile_parts(
        self, tpl: DocxTemplate, sources: list[tuple[str, str, Callable]]
    ) -> dict[str, bytes]:
        """Compile the parts with Jinja tags; render the others once. Returns the latter."""
        env = _environment()
        variables: set[str] = set()
        parts: list[_Part] = []
        fixed: dict[str, bytes] = {}
        for name, xml, render in sources:
            prepared = _PARAGRAPH_IN.sub(r"\n<w:p\1", tpl.patch_xml(xml))
            if render == self._render_body:
                prepared = self._strip_body_tags(prepared)
            try:
                tree = env.parse(prepared)
                reads = frozenset(meta.find_undeclared_variables(tree))
                if _has_jinja(prepared):
                    variables |= reads
                _unescape_template_text(tree)
                part = _Part(name, env.from_string(tree), render, reads)
            except jinja2.TemplateSyntaxError as exc:
                exc.add_note(f"in {name} of {self.path}")
                raise
            if _has_jinja(prepared):
                if render != self._render_body:
                    part.unset = _render_unset(part)
                parts.append(part)
            else:
                # Static: rendered once, through the same steps, for an identical result.
                fixed[name] = part.render(part, {})
        self._parts = tuple(parts)
        self.variables = frozenset(variables)
        return fixed

    def _build_layout(
        self, package: bytes, fixed: dict[str, bytes], *, slot: str | None = None
    ) -> PackageLayout:
        """The saved package's entries in order: rendered parts, and `slot`, become slots."""
        items: list[Entry | str] = []
        dynamic = {part.name for part in self._parts} | ({slot} if slot else set())
        for entry in read_entries(package):
            if entry.name in dynamic:
                items.append(entry.name)
                dynamic.discard(entry.name)
            elif entry.name in fixed:
                items.append(Entry.deflated(entry.name, fixed.pop(entry.name)))
            else:
                items.append(entry)
        if dynamic or fixed:
            missing = sorted(dynamic | set(fixed))
            raise TemplateCompileError(f"{self.path}: parts missing from the package: {missing}")
        return PackageLayout(items)

    def _set_core_properties(self, properties) -> None:
        if self.title is not None:
            properties.title = self.title
        for name in _CLEARED_PROPERTIES:
            setattr(properties, name, "")
        for name in _RENDERED_PROPERTIES:
            if _has_jinja(getattr(properties, name) or ""):
                raise TemplateCompileError(
                    f"{self.path}: core property {name!r} holds Jinja tags; user data is never "
                    "put in core properties"
                )

    def _split_document(self, element: etree._Element, body_xml: str) -> None:
        """Keep document.xml around its body as bytes, and the body's own start/end tags."""
        start_end = body_xml.index(">") + 1
        if body_xml[start_end - 2] == "/":
            raise TemplateCompileError(f"{self.path}: the document body is empty")
        self._body_start = body_xml[:start_end]
        self._body_end = body_xml[body_xml.rindex("</") :]
        clone = copy.deepcopy(element)
        body = clone.find(f"{_W}body")
        if body is None:
            raise TemplateCompileError(f"{self.path}: no w:body in the main document")
        for child in list(body):
            body.remove(child)
        body.text = None
        marker = f"body-{uuid.uuid4().hex}"
        body.append(etree.Comment(marker))
        pieces = serialize_part_xml(clone).split(f"<!--{marker}-->".encode())
        if len(pieces) != 2:
            raise TemplateCompileError(f"{self.path}: cannot place the body in document.xml")
        self._document_prefix, self._document_suffix = pieces

    def _strip_body_tags(self, prepared: str) -> str:
        if not (prepared.startswith(self._body_start) and prepared.endswith(self._body_end)):
            raise TemplateCompileError(f"{self.path}: patch_xml changed the body's own tags")
        return prepared[len(self._body_start) : -len(self._body_end)]

    # -- render ---------------------------------------------------------------------------

    def render(self, context: Mapping[str, Any], *, answers_xml: bytes | None = None) -> bytes:
        """The finished .docx for `context`, as bytes, carrying `answers_xml` (the part
        answers_part.item_xml makes) when given. Safe to call from many threads."""
        rendered = {}
        for part in self._parts:
            try:
                rendered[part.name] = part.render_for(context)
            except jinja2.TemplateError as exc:
                exc.add_note(f"while rendering {part.name} of {self.path.name}")
                raise
        if answers_xml is None:
            return self._layout.build(rendered)
        rendered[self._answers_item] = answers_xml
        return self._answers_layout.build(rendered)

    def _render_xml(self, part: _Part, context: Mapping[str, Any]) -> str:
        """Jinja and the steps after it in docxtpl's `render_xml_part`."""
        xml = part.template.render(context)
        # docxtpl's re.sub(r"\n<w:p([ >])", r"<w:p\1", xml), without a regex (whose
        # replacement template costs more than Jinja itself here); the result is the same.
        xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
        # No `{_{` replacements here, unlike docxtpl: made at compile time in the template's
        # text, they never touch a value (_unescape_template_text).
        if any(character in xml for character in _LISTING_CHARACTERS):
            xml = self._helper.resolve_listing(xml)
        return xml

    def _render_body(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        inner = self._render_xml(part, context)
        data = self._document_prefix + _encode(inner, part.name) + self._document_suffix
        try:
            root = etree.fromstring(data)  # our own output
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(inner, part.name, exc) from None
        if "docPr" not in inner and _tables_unchanged_by_fix_tables(root):
            return data
        # docxtpl's own fix_tables and fix_docpr_ids, on a body known to be well-formed.
        tree = self._helper.fix_tables(self._body_start + inner + self._body_end)
        DocxTemplate.fix_docpr_ids(types.SimpleNamespace(docx_ids_index=1000), tree)
        if len(tree) == 0 and not tree.text:
            inner = ""
        else:
            xml = etree.tostring(tree, encoding="unicode")
            inner = xml[xml.index(">") + 1 : xml.rindex("</")]
        return self._document_prefix + inner.encode("utf-8") + self._document_suffix

    def _render_header_footer(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        # docxtpl encodes with get_headers_footers_encoding(xml), which is always utf-8 here:
        # get_part_xml serialises without an XML declaration.
        xml = self._render_xml(part, context)
        try:
            element = parse_xml(_encode(xml, part.name))
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(xml, part.name, exc) from None
        return serialize_part_xml(element)

    def _render_footnotes(self, part: _Part, context: Mapping[str, Any]) -> bytes:
        xml = self._render_xml(part, context)
        data = _encode(xml, part.name)
        try:
            etree.fromstring(data)  # our own output
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(xml, part.name, exc) from None
        return data


def _render_unset(part: _Part) -> bytes | None:
    """A header's, footer's or footnotes' bytes for a context giving none of its variables;
    None where it cannot render without them."""
    try:
        return part.render(part, {})
    except (jinja2.TemplateError, RenderingError):
        return None


def _saved_package(document) -> bytes:
    """The package as python-docx (so docxtpl) saves it: the source of the unchanged parts."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
