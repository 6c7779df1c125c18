"""An organisation's logo: an SVG or PNG file, checked when the service starts.

The service serves the file exactly as written, never a changed copy: a logo is either
accepted as it is or refused with a message that says what was found and what to do, so the
person who wrote the organisation's file always knows what families see.

A PNG is checked without being decompressed: its size in pixels comes from its header, so a
small file that would unpack to gigabytes (a "decompression bomb") is refused unopened.
An SVG is XML that a browser can run code from. It is parsed with no DTD, no entities and no
network, and may hold only drawing: shapes, paths, groups, text, gradients, clipping paths,
and `<use>` of its own parts. Nothing in it may run, or load anything from anywhere.
"""

import math
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from service.text import XML_INVALID

MAX_BYTES = 200 * 1024
# The header shows the logo 48 px high; twice that for sharp screens, with room to spare.
MIN_PNG_HEIGHT = 48
MAX_PNG_SIDE = 2000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class LogoError(ValueError):
    """Why a logo cannot be used, in words for the person who wrote the file."""


@dataclass(frozen=True)
class Logo:
    media_type: str  # image/svg+xml or image/png
    data: bytes
    file_name: str

    @property
    def extension(self):
        return "svg" if self.media_type == "image/svg+xml" else "png"


def read_logo(path):
    """The logo in the file at `path`, checked; LogoError says why one cannot be used."""
    path = Path(path)
    name = path.name
    try:
        if not path.is_file():
            raise LogoError(
                f"the file {name} cannot be read: there is no such file beside this one"
            )
        size = path.stat().st_size
        if size > MAX_BYTES:  # checked before reading: the file could be any size
            raise LogoError(_too_big(name, size))
        data = path.read_bytes()
    except OSError:
        raise LogoError(f"the file {name} cannot be read") from None
    if len(data) > MAX_BYTES:  # it grew since the check
        raise LogoError(_too_big(name, len(data)))
    if not data.strip():
        raise LogoError(f"the file {name} is empty")

    kind = _kind(data)
    if kind not in {"svg", "png"}:
        what = f"{_NAMES[kind]}, not" if kind else "not"
        raise LogoError(f"the file {name} is {what} an SVG or PNG image; use an SVG or a PNG")
    extension = path.suffix.lower().lstrip(".")
    if extension != kind:
        raise LogoError(
            f"the file {name} holds {_NAMES[kind]}, so its name must end .{kind}; rename it"
        )
    if kind == "png":
        check_png(data)
        return Logo("image/png", data, name)
    check_svg(data)
    return Logo("image/svg+xml", data, name)


def _too_big(name, size):
    return (
        f"the file {name} is {math.ceil(size / 1024)} KB; a logo can be at most "
        f"{MAX_BYTES // 1024} KB (export it smaller, or as an SVG)"
    )


# --- What a file holds, told by its first bytes, never by its name ---------------------------

_NAMES = {
    "png": "a PNG image",
    "svg": "an SVG image",
    "gif": "a GIF image",
    "jpeg": "a JPEG image",
    "webp": "a WebP image",
    "bmp": "a BMP image",
    "ico": "an icon file",
    "tiff": "a TIFF image",
    "pdf": "a PDF",
    "zip": "a ZIP file (perhaps a Word document)",
    "html": "a web page (HTML)",
}
_MAGIC = (
    (PNG_SIGNATURE, "png"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"BM", "bmp"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
)
_HTML = re.compile(
    rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
_SVG_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?svg[\s>/]")


def _kind(data):
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if _HTML.match(data):
        return "html"
    if _SVG_TAG.search(data):
        return "svg"
    return None


# --- PNG: the chunks, read and checked, never decompressed ----------------------------------

# Bit depths each colour type allows (PNG specification, 11.2.2).
_PNG_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
_DAMAGED = "the PNG file is damaged ({}); export it again from your drawing program"


def check_png(data):
    """Refuse a PNG that is not well formed, is animated, or is too big in pixels."""
    chunks = list(_png_chunks(data))
    kinds = [kind for kind, _ in chunks]
    if not kinds or kinds[0] != b"IHDR":
        raise LogoError(_DAMAGED.format("it does not start with its header"))
    header = chunks[0][1]
    if len(header) != 13:
        raise LogoError(_DAMAGED.format("its header is the wrong length"))
    width, height, depth, colour, compression, filtering, interlace = struct.unpack(
        ">IIBBBBB", header
    )
    if (
        depth not in _PNG_DEPTHS.get(colour, ())
        or compression != 0
        or filtering != 0
        or interlace not in {0, 1}
    ):
        raise LogoError(_DAMAGED.format("its header gives settings no PNG can have"))
    if width == 0 or height == 0:
        raise LogoError(_DAMAGED.format("its header says it has no pixels"))
    if width > MAX_PNG_SIDE or height > MAX_PNG_SIDE:
        raise LogoError(
            f"the PNG is {width} × {height} pixels; a logo can be at most "
            f"{MAX_PNG_SIDE} × {MAX_PNG_SIDE} pixels (export it smaller)"
        )
    if height < MIN_PNG_HEIGHT:
        raise LogoError(
            f"the PNG is {height} pixels high; it is shown {MIN_PNG_HEIGHT} pixels high, so "
            f"it needs at least {MIN_PNG_HEIGHT} or it looks blurred (export it larger, or "
            "use an SVG)"
        )
    if b"IDAT" not in kinds:
        raise LogoError(_DAMAGED.format("it holds no picture data"))
    if colour == 3 and b"PLTE" not in kinds:
        raise LogoError(_DAMAGED.format("it has no colour palette"))
    if b"acTL" in kinds:
        raise LogoError("the PNG is animated; use a still image")
    for kind in kinds:
        # A critical chunk (upper-case first letter) that browsers do not know is not a PNG.
        if kind[:1].isupper() and kind not in {b"IHDR", b"PLTE", b"IDAT", b"IEND"}:
            raise LogoError(_DAMAGED.format("it holds a part no browser can read"))


def _png_chunks(data):
    """Each chunk's type and data, to IEND, with its length and checksum checked."""
    position = len(PNG_SIGNATURE)
    while True:
        if position + 8 > len(data):
            raise LogoError(_DAMAGED.format("it ends too early"))
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        start, end = position + 8, position + 8 + length
        if not kind.isalpha() or end + 4 > len(data):
            raise LogoError(_DAMAGED.format("it ends too early or a part of it is broken"))
        body = data[start:end]
        (checksum,) = struct.unpack(">I", data[end : end + 4])
        if zlib.crc32(kind + body) != checksum:
            raise LogoError(_DAMAGED.format("a checksum does not match"))
        yield kind, body
        position = end + 4
        if kind == b"IEND":
            if position != len(data):
                raise LogoError(_DAMAGED.format("it has extra data after its end"))
            return


# --- SVG: parsed safely and checked against an allow-list ------------------------------------

_ELEMENTS = {
    "svg", "g", "defs", "symbol", "title", "desc", "style",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
    "text", "tspan",
    "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "use",
}  # fmt: skip
_ATTRIBUTES = {
    # Identity, language and accessibility
    "id", "class", "style", "lang", "role", "aria-label", "aria-labelledby", "aria-hidden",
    "focusable", "version", "baseProfile", "type", "media",
    # Size and position
    "width", "height", "viewBox", "preserveAspectRatio", "x", "y", "rx", "ry", "cx", "cy",
    "r", "fx", "fy", "fr", "x1", "y1", "x2", "y2", "points", "d", "transform", "pathLength",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "offset", "href",
    # Painting
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
    "stroke-opacity", "opacity", "color", "display", "visibility", "overflow", "clip-path",
    "clip-rule", "mask", "stop-color", "stop-opacity", "paint-order", "vector-effect",
    "shape-rendering", "text-rendering", "color-interpolation", "mix-blend-mode", "isolation",
    # Text
    "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
    "letter-spacing", "word-spacing", "text-anchor", "dominant-baseline",
    "alignment-baseline", "baseline-shift", "text-decoration", "writing-mode", "direction",
    # Gradients, clipping, masks and patterns
    "gradientUnits", "gradientTransform", "spreadMethod", "clipPathUnits", "maskUnits",
    "maskContentUnits", "patternUnits", "patternContentUnits", "patternTransform",
}  # fmt: skip
_NAMESPACED_ATTRIBUTES = {
    f"{{{XLINK_NS}}}href": "xlink:href",
    f"{{{XML_NS}}}space": "xml:space",
    f"{{{XML_NS}}}lang": "xml:lang",
}
# Why some elements are refused, where a reason helps more than "it is not drawing".
_REFUSED_BECAUSE = {
    "script": "which can run code",
    "foreignObject": "which can hold a web page",
    "a": "which is a link",
    "image": "which loads another picture",
    "iframe": "which loads another page",
    "animate": "which moves the logo",
    "animateTransform": "which moves the logo",
    "animateMotion": "which moves the logo",
    "set": "which changes the logo as it is shown",
    "filter": "which can load other files",
    "feImage": "which loads another picture",
}
_JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.I)
_DATA_URI = re.compile(r"\s*data\s*:", re.I)
_DATA_ATTRIBUTE = re.compile(r"data-[a-z][a-z0-9-]*")  # drawing programs' labels, inert
# CSS functions besides url() that load a file.
_LOADER = re.compile(r"\b((?:-webkit-)?image-set|image|cross-fade|src|element)\s*\(", re.I)
_URL = re.compile(r"url\s*\(\s*(['\"]?)\s*([^)'\"\s]*)", re.I)
_DOCTYPE = re.compile(r"<!\s*(?:DOCTYPE|ENTITY)", re.I)
_LENGTH = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)(?:px)?\s*")
_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_VIEWBOX = re.compile(rf"\s*({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})[\s,]+({_NUMBER})\s*")
_DRAWING = "use only shapes, paths, groups, text and gradients"


def check_svg(data):
    """Refuse an SVG that could run code, load anything, or has no size to draw it at."""
    root = _parse_svg(data)
    ids = set(root.xpath("//@id"))
    for element in root.iter():
        if not isinstance(element.tag, str):  # a processing instruction or an entity
            _refuse_instruction(element)
            continue
        name = _element_name(element)
        for attribute, value in element.attrib.items():
            _check_attribute(element, name, attribute, value, ids)
        if name == "style":
            _check_css(element.text or "", "<style> element")
    _check_size(root)


def _parse_svg(data):
    """The SVG's root element, parsed with nothing that reaches outside the file."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LogoError("the SVG is not saved as UTF-8 text; save it as UTF-8") from None
    if XML_INVALID.search(text):
        raise LogoError("the SVG holds characters that are not text; save it as UTF-8")
    # Refused before parsing: a DTD can define entities that expand to gigabytes
    # ("billion laughs") or fetch files, and a logo never needs one.
    if _DOCTYPE.search(text):
        raise LogoError(
            "the SVG has a DOCTYPE or ENTITY declaration; remove it (a logo needs neither)"
        )
    if _JAVASCRIPT.search(text):
        raise LogoError("the SVG contains 'javascript:', which can run code; remove it")
    parser = etree.XMLParser(
        encoding="utf-8",  # the text checked above, whatever the XML declaration says
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data.removeprefix(b"\xef\xbb\xbf"), parser)
    except etree.XMLSyntaxError as error:
        raise LogoError(
            f"the SVG is not well-formed XML ({error.msg}); fix it or export it again"
        ) from None
    if root.getroottree().docinfo.doctype:
        raise LogoError("the SVG has a DOCTYPE declaration; remove it")
    if root.tag != f"{{{SVG_NS}}}svg":
        if etree.QName(root).localname == "svg":
            raise LogoError(f'the SVG\'s <svg> element needs xmlns="{SVG_NS}"; add it')
        raise LogoError("the file does not start with an <svg> element; it is not an SVG")
    for node in (*root.itersiblings(preceding=True), *root.itersiblings()):
        _refuse_instruction(node)
    return root


def _refuse_instruction(node):
    if isinstance(node, etree._ProcessingInstruction):
        raise LogoError(f"the SVG has a processing instruction <?{node.target} …?>; remove it")
    if isinstance(node, etree._Entity):
        raise LogoError(f"the SVG uses the entity &{node.name};, which it cannot define; remove it")


def _element_name(element):
    qname = etree.QName(element)
    name = qname.localname
    if qname.namespace != SVG_NS and name not in _REFUSED_BECAUSE:
        shown = f"{element.prefix}:{name}" if element.prefix else name
        raise LogoError(
            f"the SVG has an element <{shown}> that is not part of SVG (perhaps your drawing "
            "program's own); save it as a plain or optimised SVG"
        )
    if name in _REFUSED_BECAUSE:
        raise LogoError(f"the SVG has {_a(name)} element, {_REFUSED_BECAUSE[name]}; remove it")
    if name not in _ELEMENTS:
        raise LogoError(
            f"the SVG has {_a(name)} element, which a logo cannot have; remove it ({_DRAWING})"
        )
    return name


def _a(name):
    """`<name>` with its article: "a <rect>", "an <image>"."""
    return f"{'an' if name[0] in 'aeiouAEIOU' else 'a'} <{name}>"


def _check_attribute(node, element, attribute, value, ids):
    """One attribute of `node` (an <element>), against the allow-list and for what it loads."""
    name = _NAMESPACED_ATTRIBUTES.get(attribute, attribute)
    if name.startswith("{"):
        qname = etree.QName(attribute)
        prefixes = {uri: prefix for prefix, uri in node.nsmap.items()}
        name = f"{prefixes.get(qname.namespace) or qname.namespace}:{qname.localname}"
    if etree.QName(attribute).localname.lower().startswith("on"):
        raise LogoError(
            f"the SVG has an event handler {name}= on <{element}>, which can run code; remove it"
        )
    if attribute.startswith("{") and attribute not in _NAMESPACED_ATTRIBUTES:
        raise LogoError(
            f"the SVG has an attribute {name}= on <{element}> that is not part of SVG (perhaps "
            "your drawing program's own); save it as a plain or optimised SVG"
        )
    if (
        name not in _ATTRIBUTES
        and attribute not in _NAMESPACED_ATTRIBUTES
        and not _DATA_ATTRIBUTE.fullmatch(name)
    ):
        raise LogoError(
            f"the SVG has an attribute {name}= on <{element}>, which a logo cannot have; remove it"
        )
    if _JAVASCRIPT.search(value):
        raise LogoError(f"the SVG's {name}= on <{element}> contains 'javascript:'; remove it")
    if _DATA_URI.match(value):
        raise LogoError(f"the SVG's {name}= on <{element}> is a data: address; remove it")
    if name in {"href", "xlink:href"}:
        if not value.startswith("#"):
            raise LogoError(
                f'the SVG\'s <{element}> points outside the logo ({name}="{_short(value)}"); '
                "a logo can only point at its own parts (#id)"
            )
        if value[1:] not in ids:
            raise LogoError(f"the SVG's <{element}> points at {value}, which it does not have")
        return
    where = f"style attribute on <{element}>" if name == "style" else f"{name}= on <{element}>"
    _check_css(value, where)


def _check_css(css, where):
    """Style text (a <style> element, a style attribute or a paint like fill="url(#a)")."""
    if "@import" in css.lower():
        raise LogoError(f"the SVG's {where} has @import, which loads another file; remove it")
    if "\\" in css:
        raise LogoError(f"the SVG's {where} has a backslash escape; remove it")
    if _JAVASCRIPT.search(css):
        raise LogoError(f"the SVG's {where} contains 'javascript:'; remove it")
    loader = _LOADER.search(css)
    if loader:
        raise LogoError(
            f"the SVG's {where} has {loader.group(1)}(, which loads another file; remove it"
        )
    for match in _URL.finditer(css):
        if not match.group(2).startswith("#"):
            raise LogoError(
                f"the SVG's {where} has url({_short(match.group(2))}), which points outside "
                "the logo; use only url(#id) for the logo's own parts"
            )


def _short(text, most=40):
    return text if len(text) <= most else text[: most - 1] + "…"


def _check_size(root):
    """The header draws the logo 48 px high: without a viewBox, or a width and a height,
    a browser cannot tell its shape and draws it at a size of its own choosing."""
    view_box = root.get("viewBox")
    if view_box is not None:
        match = _VIEWBOX.fullmatch(view_box)
        if not match or float(match.group(3)) <= 0 or float(match.group(4)) <= 0:
            raise LogoError(
                f'the SVG\'s viewBox="{_short(view_box)}" is not four numbers with a width and '
                'height above 0, such as viewBox="0 0 120 40"'
            )
        return
    width, height = root.get("width"), root.get("height")
    if width is None or height is None:
        raise LogoError(
            "the SVG has no viewBox and no width and height, so it has no size to be drawn "
            'at; add a viewBox, such as viewBox="0 0 120 40"'
        )
    for value in (width, height):
        match = _LENGTH.fullmatch(value)
        if not match or float(match.group(1)) <= 0:
            raise LogoError(
                f'the SVG\'s width="{_short(width)}" and height="{_short(height)}" must be sizes '
                'in pixels, such as width="120" height="40"; or add a viewBox'
            )
