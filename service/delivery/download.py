"""Streaming a rendered document as a download with a meaningful, safe file name."""

import re
import unicodedata
from urllib.parse import quote

from flask import Response

from service.rendering import DOCX_MIMETYPE

# Characters Windows, macOS or a browser's download bar cannot take in a file name.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
MAX_STEM = 120


def safe_filename(name, extension="docx"):
    """A file name any system accepts, keeping letters of every script (RFC 6266 handles
    non-ASCII in the header; Werkzeug writes both `filename` and `filename*`)."""
    stem = unicodedata.normalize("NFC", name or "")
    stem = stem.removesuffix(f".{extension}")
    stem = _SPACES.sub(" ", _UNSAFE.sub(" ", stem)).strip(" .")
    stem = stem[:MAX_STEM].rstrip(" .") or "document"
    return f"{stem}.{extension}"


def content_disposition(filename):
    """`attachment` with the file name, per RFC 6266: a plain ASCII `filename` for old
    browsers and, when the name has other characters, `filename*` in UTF-8 for the rest."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        stem, _, extension = filename.rpartition(".")
        ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
        ascii_stem = _SPACES.sub(" ", ascii_stem).strip(" .") or "document"
        fallback = f"{ascii_stem}.{extension}"
        return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return f'attachment; filename="{filename}"'


def attachment(data, name, *, extension, mimetype):
    """A document as an attachment; never stored on the server, never cached."""
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = content_disposition(safe_filename(name, extension))
    response.headers["Cache-Control"] = "no-store"
    return response


def docx_response(data, name):
    return attachment(data, name, extension="docx", mimetype=DOCX_MIMETYPE)
