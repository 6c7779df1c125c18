"""Sending a rendered document as a download with a meaningful, safe file name."""

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
    """A file name any system accepts, keeping letters of every script (Werkzeug writes a
    plain ASCII `filename` and, when needed, `filename*` in UTF-8, as RFC 6266 says)."""
    stem = unicodedata.normalize("NFC", name or "")
    stem = stem.removesuffix(f".{extension}")
    stem = _SPACES.sub(" ", _UNSAFE.sub(" ", stem)).strip(" .")
    stem = stem[:MAX_STEM].rstrip(" .") or "document"
    return f"{stem}.{extension}"


def attachment(data, name, *, extension, mimetype):
    """A document as an attachment; never stored on the server, never cached. The bytes are
    already in memory, so they go as one body with its length (send_file would wrap them as a
    file to stream, and work out cache headers only to have them replaced)."""
    response = Response(data, mimetype=mimetype)
    response.headers.set(
        "Content-Disposition", "attachment", **_filename_parameters(safe_filename(name, extension))
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def _filename_parameters(filename):
    """`filename` in plain ASCII, and `filename*` in UTF-8 when the name needs it (RFC 6266):
    browsers show the UTF-8 name, and older clients get the nearest ASCII."""
    try:
        filename.encode("ascii")
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode()
        # RFC 5987 attr-chars are left as they are; everything else is percent-encoded.
        return {"filename": simple, "filename*": f"UTF-8''{quote(filename, safe='!#$&+-.^_`|~')}"}
    return {"filename": filename}


def docx_response(data, name):
    return attachment(data, name, extension="docx", mimetype=DOCX_MIMETYPE)
