"""Security headers, the Content-Security-Policy nonce and cache rules.

Pages show children's details, so nothing but the static assets may be cached: a shared
computer's back button or a proxy must not keep someone's answers. Assets are cached for a year
at a fingerprinted URL, briefly otherwise (see `service.static_files`).
"""

import secrets

from flask import request

from service import static_files

_NONCE_KEY = "service.csp_nonce"


def csp_nonce():
    """This request's nonce. Kept in the request's environ, not `g`: `g` belongs to the app
    context, which can outlive one request, and a reused nonce is no protection."""
    environ = request.environ
    if _NONCE_KEY not in environ:
        environ[_NONCE_KEY] = secrets.token_urlsafe(18)
    return environ[_NONCE_KEY]


_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The same on every response, and set by nothing else: added, which costs half what setting
# does (setting searches the headers for one to replace). Every response passes through here.
_FIXED_HEADERS = (
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
    ("Referrer-Policy", "no-referrer"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Cross-Origin-Resource-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)


def _content_security_policy(nonce):
    return _POLICY.format(nonce=nonce)


def _set_headers(response):
    headers = response.headers
    headers.extend(
        (("Content-Security-Policy", _content_security_policy(csp_nonce())), *_FIXED_HEADERS)
    )
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    # Overwritten, not defaulted: Flask's own file sending sets `no-cache` on every asset.
    if request.endpoint == "static" and response.status_code in {200, 206, 304}:
        headers["Cache-Control"] = static_files.cache_control()
    else:
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def init_app(app):
    app.add_template_global(csp_nonce)
    app.after_request(_set_headers)
