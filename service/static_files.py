"""Static assets under content-fingerprinted URLs, so browsers may keep them for a year.

`url_for("static", filename=...)` adds `?v=` and a hash of the file's content, so a changed
file gets a new URL and each URL's content never changes: a parent on a slow phone connection
downloads the stylesheet and script once, not on every page. A request without the current
fingerprint (a page from before a deploy, the script's source map, a file a stylesheet names)
is cached briefly instead, so nothing is stale for long.

The compiled stylesheet names no font (it uses the system's) and one image, the GOV.UK crest,
which only the GOV.UK footer's rules use: this service draws its own footer and does not serve
the crest. An image a stylesheet names later is served with the short lifetime.
"""

import hashlib
import os
import stat

from flask import current_app, request
from werkzeug.security import safe_join

FINGERPRINT = "v"
# Fingerprinted: the content at this URL never changes.
FOREVER = "public, max-age=31536000, immutable"
# Anything else under /assets/: revalidated (ETag) after five minutes.
BRIEFLY = "public, max-age=300"


class Fingerprints:
    """Each file's fingerprint, worked out again only when its size, time or inode change
    (a rebuilt stylesheet), so a page costs a `stat` per asset, not a hash."""

    def __init__(self):
        self._known = {}

    def of(self, folder, filename):
        """The fingerprint of a file in the folder, or None if there is no such file."""
        path = safe_join(folder, filename) if folder and filename else None
        try:
            status = os.stat(path) if path else None
        except OSError:
            return None
        if status is None or not stat.S_ISREG(status.st_mode):
            return None
        version = (status.st_mtime_ns, status.st_size, status.st_ino)
        known = self._known.get(path)
        if known and known[0] == version:
            return known[1]
        with open(path, "rb") as handle:
            fingerprint = hashlib.sha256(handle.read()).hexdigest()[:16]
        self._known[path] = (version, fingerprint)
        return fingerprint


def _fingerprints():
    return current_app.extensions["static_fingerprints"]


def _add_fingerprint(endpoint, values):
    if endpoint == "static" and FINGERPRINT not in values:
        fingerprint = _fingerprints().of(current_app.static_folder, values.get("filename"))
        if fingerprint:
            values[FINGERPRINT] = fingerprint


def cache_control():
    """Cache-Control for this request to the static files: for ever at the file's current
    fingerprint, briefly otherwise."""
    filename = (request.view_args or {}).get("filename")
    current = _fingerprints().of(current_app.static_folder, filename)
    asked = request.args.get(FINGERPRINT)
    return FOREVER if current and asked == current else BRIEFLY


def init_app(app):
    app.extensions["static_fingerprints"] = Fingerprints()
    app.url_defaults(_add_fingerprint)
