"""A one-page A4 leaflet an advice service prints and hands to families: `/o/<org>/leaflet`.

It gives the organisation's name and logo, what families can write with it, a QR code that
opens its front door (with the address printed in words for anyone who cannot scan), and how
to reach its helpline. The print stylesheet leaves only the leaflet on the page.
"""

import segno
from flask import render_template, url_for
from lxml import etree
from markupsafe import Markup

from service.organisations.registry import in_words
from service.organisations.views import bp, documents_of

# Level M recovers from about 15% of the code smudged or folded, which a handed-out leaflet
# needs; segno raises the level further when that costs no extra size.
QR_ERROR = "m"
# The light margin round the code that scanners need, in modules (the standard's minimum).
QR_QUIET_ZONE = 4


def qr_code(url):
    return segno.make_qr(url, error=QR_ERROR)


def qr_svg(url):
    """The QR code for `url` as inline SVG: black on white, quiet zone included, sized by the
    stylesheet, and an image whose text alternative says where it leads."""
    svg = qr_code(url).svg_inline(
        scale=1, border=QR_QUIET_ZONE, dark="#000", light="#fff", omitsize=True, lineclass=None
    )
    root = etree.fromstring(svg)
    root.set("class", "app-leaflet__qr")
    root.set("role", "img")
    root.set("aria-label", f"QR code: link to {url}")
    # Whole modules, no blurred edges between them: they scan better.
    root.set("shape-rendering", "crispEdges")
    # Serialised by lxml, which escapes the address in the label.
    return Markup(etree.tostring(root, encoding="unicode"))  # noqa: S704


@bp.get("/leaflet")
def leaflet(org):
    front_door = url_for("organisations.front_door", org=org.slug, _external=True)
    return render_template(
        "organisations/leaflet.html",
        documents=documents_of(org),
        qr=qr_svg(front_door),
        front_door_words=in_words(front_door),
        organisation_website_words=in_words(org.website),
    )


def init_app(app):
    """The route is on the organisations blueprint, registered with it."""
