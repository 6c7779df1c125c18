"""Sending a rendered document as a download with a meaningful, safe file name."""

import io
import re
import unicodedata

from flask import send_file

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
    """A document as an attachment; never stored on the server, never cached."""
    response = send_file(
        io.BytesIO(data),
        mimetype=mimetype,
        as_attachment=True,
        download_name=safe_filename(name, extension),
        conditional=False,
        etag=False,
        last_modified=None,
        max_age=0,
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def docx_response(data, name):
    return attachment(data, name, extension="docx", mimetype=DOCX_MIMETYPE)
