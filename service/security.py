"""Security headers, the Content-Security-Policy nonce and cache rules.

Pages show children's details, so nothing but the static assets may be cached: a shared
computer's back button or a proxy must not keep someone's answers.
"""

import secrets

from flask import request

_STATIC_PREFIX = "/assets/"
_NONCE_KEY = "service.csp_nonce"


def csp_nonce():
    """This request's nonce. Kept in the request's environ, not `g`: `g` belongs to the app
    context, which can outlive one request, and a reused nonce is no protection."""
    environ = request.environ
    if _NONCE_KEY not in environ:
        environ[_NONCE_KEY] = secrets.token_urlsafe(18)
    return environ[_NONCE_KEY]


def _content_security_policy(nonce):
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
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


def _set_headers(response):
    headers = response.headers
    headers["Content-Security-Policy"] = _content_security_policy(csp_nonce())
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = "no-referrer"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    if request.is_secure:
        headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    if request.path.startswith(_STATIC_PREFIX):
        headers.setdefault("Cache-Control", "public, max-age=3600")
    else:
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
    return response


def init_app(app):
    app.add_template_global(csp_nonce)
    app.after_request(_set_headers)
