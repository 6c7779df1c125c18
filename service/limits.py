"""Who a request is counted against, and the limits on work that costs the server dear.

Every limit counts per client: an IPv4 address, or an IPv6 /64, since one home or phone is
given a whole /64 and could otherwise take a fresh allowance for each of its 2^64 addresses.

Making a document is the expensive work: "pdf" (LibreOffice, by far the dearest) and "render"
(check your answers with its preview, the Word download, blank templates, the API's Word
documents). Each kind has one count per client and one per draft, shared by every route that
does that kind of work, so a client cannot multiply its allowance by spreading requests over
routes, nor many clients share one draft to get round the per-client count. A request over a
limit is refused before the view runs, with 429 and Retry-After, so the answers stay as they
were.

Every API request also counts against RATELIMIT_API, together with the work it asks for, in
one go (limit_counting: one round trip on Redis). Flask-Limiter keeps the storage and counts
only RATELIMIT_FORMS, the journey's form posts.
"""

import functools
import hashlib
import ipaddress
import math

from flask import current_app, g, request
from limits import parse_many
from werkzeug.exceptions import TooManyRequests

from service import device, drafts, limit_counting

# Kind of work -> (setting of its per-client limits, setting of its per-draft limits).
KINDS = {
    "pdf": ("RATELIMIT_PDF", "RATELIMIT_PDF_PER_DRAFT"),
    "render": ("RATELIMIT_RENDER", "RATELIMIT_RENDER_PER_DRAFT"),
    "bulk": ("RATELIMIT_BULK", None),  # a whole register: a document per pupil
    "api": ("RATELIMIT_API", None),  # every API request, whatever it asks for
}
IPV6_GROUP = 64
UNKNOWN_CLIENT = "unknown"


class LimitReached(TooManyRequests):
    """Too much expensive work for this client or draft: a 429 with Retry-After, answered by
    the error pages (JSON under /api/)."""

    def __init__(self, retry_after):
        super().__init__(retry_after=retry_after)


@functools.lru_cache(maxsize=4096)
def group_address(address):
    """The client an address counts as: an IPv4 address as it is, an IPv6 address as its /64
    network ("2001:db8:1:2::/64"), an IPv4-mapped IPv6 address as the IPv4 address it maps,
    and anything that is not an address as it was written."""
    try:
        ip = ipaddress.ip_address(_without_port(address))
    except ValueError:
        return address or UNKNOWN_CLIENT
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    # From the integer, so a zone ("fe80::1%eth0") does not split one client in two.
    return str(ipaddress.IPv6Network((int(ip), IPV6_GROUP), strict=False))


def _without_port(address):
    """Some proxies put the client's port in X-Forwarded-For ("192.0.2.7:51234",
    "[2001:db8::1]:443"); each connection would otherwise count as a new client."""
    if address.startswith("[") and "]" in address:
        return address[1 : address.index("]")]
    if address.count(":") == 1:
        return address.partition(":")[0]
    return address


def client_key():
    """The key of the client making this request, for every rate limit (Flask-Limiter's
    `key_func`, and the email limits). The address is the proxy's view of it when
    TRUSTED_PROXIES is set."""
    return group_address(request.remote_addr or "")


def draft_key(draft_id):
    """A draft as the rate-limit storage knows it: a digest, since the id itself is what lets
    a browser open the draft."""
    return hashlib.sha256(draft_id.encode()).hexdigest()[:32]


def journey_draft_id():
    """What names this browser's draft of the document in the address, for counting, without
    reading the database: the draft's ref (one draft, whichever browser holds it), or this
    browser and the document when the address names no draft."""
    slug = (request.view_args or {}).get("slug")
    owner = device.owner()
    if not slug or owner is None:
        return None
    ref = request.args.get("draft")
    # "new" names no draft yet, in any browser: counted as this browser's, not as one shared.
    return f"ref:{ref}" if ref and ref != drafts.NEW else f"{owner}:{slug}"


@functools.lru_cache(maxsize=64)
def _plan(per_client, per_draft):
    """The limits of one kind of work, from settings such as "10 per minute;60 per hour", as
    (limit, "client" or "draft"), shortest window first. Parsed once for each value."""
    plan = [(limit, "client") for limit in parse_many(per_client)]
    plan += [(limit, "draft") for limit in parse_many(per_draft)] if per_draft else []
    return tuple(sorted(plan, key=lambda step: step[0].get_expiry()))


def try_spend(kind, draft_id=None):
    """Count one piece of `kind` work against this client, and against `draft_id` if given.
    None if allowed; if refused, the seconds to wait."""
    return _count((kind,), draft_id).wait


def _count(kinds, draft_id=None):
    """Count this request against the limits of each of `kinds`, per client and (with
    `draft_id`) per draft: all in one go, shortest window first, stopping at the first limit
    that refuses (as Flask-Limiter does). One count for each limit, no separate check, and
    being refused for the minute does not use up the hour."""
    limiter = current_app.extensions["rate_limiter"]
    if not limiter.enabled:
        return limit_counting.Counted()
    config = current_app.config
    # The same prefix Flask-Limiter puts on its own keys, so one storage can serve several
    # copies of the service (and tests can keep apart).
    prefix = (config["RATELIMIT_KEY_PREFIX"],) if config.get("RATELIMIT_KEY_PREFIX") else ()
    whose = {"client": client_key(), "draft": draft_key(draft_id) if draft_id else None}
    steps = [
        (limit, (*prefix, kind, counted, whose[counted]))
        for kind in kinds
        for limit, counted in _plan(*(config.get(name) or "" for name in KINDS[kind]))
        if whose[counted] is not None
    ]
    steps.sort(key=lambda step: step[0].get_expiry())
    return limit_counting.count(limiter, steps)


def spend(kind, draft_id=None):
    """As `try_spend`, raising LimitReached (429 with Retry-After) when refused."""
    wait = try_spend(kind, draft_id)
    if wait is not None:
        raise LimitReached(retry_after=wait)


def expensive(kind, *, per_draft=True):
    """Decorator for a view that does `kind` work ("pdf" or "render", or a function of the
    request that says which): counted per client and, with `per_draft`, against the
    browser's draft of the document in the address. Put it above any guard that loads the
    draft, so a refused request reads nothing."""

    def decorate(view):
        @functools.wraps(view)
        def limited(*args, **kwargs):
            chosen = kind() if callable(kind) else kind
            spend(chosen, journey_draft_id() if per_draft else None)
            return view(*args, **kwargs)

        return limited

    return decorate


def api_kind():
    """The work an API request asks for: a PDF, or a Word document."""
    return "pdf" if request.args.get("format") == "pdf" else "render"


API_DOCUMENT_ENDPOINT = "api.produce"
API_BULK_ENDPOINT = "api.bulk"


def count_api_request():
    """Before every API request: the API's own limits and, for a document, the work it asks
    for, counted per client (the API reads no cookie) in one go. The X-RateLimit headers then
    describe the API limit nearest to refusing; a refusal is a 429 with Retry-After."""
    kinds = ("api", api_kind()) if request.endpoint == API_DOCUMENT_ENDPOINT else ("api",)
    if request.endpoint == API_BULK_ENDPOINT:
        kinds = ("api", "bulk")
    counted = _count(kinds)
    # A count's identifiers end with its kind, "client" or "draft", and whose it is.
    api_windows = [window for window in counted.windows if window.identifiers[-3] == "api"]
    if api_windows:
        g.api_rate_limit = min(api_windows, key=lambda window: window.remaining)
    if counted.refused:
        raise LimitReached(retry_after=counted.wait)


def add_api_limit_headers(response):
    """The API limit nearest to refusing, as Flask-Limiter's headers name it."""
    window = g.get("api_rate_limit")
    if window is not None:
        response.headers["X-RateLimit-Limit"] = str(window.limit.amount)
        response.headers["X-RateLimit-Remaining"] = str(window.remaining)
        response.headers["X-RateLimit-Reset"] = str(math.ceil(window.resets_at))
    return response
