"""A logo is accepted as it is or refused with a message saying what was found: hostile SVGs,
decompression bombs, files that are not images and files too big never reach a page."""

import struct
import zlib

import pytest

from service.organisations import logos, registry
from tests.service.organisations.conftest import LOGO, NORTH, write_organisation
from tests.settings import make_app

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    'viewBox="0 0 120 40"{attributes}>{body}</svg>'
)


def svg(body="", attributes=""):
    return SVG.format(body=body, attributes=attributes).encode()


def chunk(kind, body):
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width=64, height=64, *, rows=None, before_end=b"", ihdr=None):
    """A PNG: truecolour, 8 bits, every pixel of each row a shade of blue unless `rows`
    (the raw, uncompressed rows) is given."""
    header = ihdr or struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    if rows is None:
        rows = b"".join(b"\x00" + bytes((20, 80, 200)) * width for _ in range(height))
    return (
        logos.PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + before_end
        + chunk(b"IEND", b"")
    )


def refusal(tmp_path, data, name="logo.svg"):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(logos.LogoError) as raised:
        logos.read_logo(path)
    return str(raised.value)


def accepted(tmp_path, data, name):
    path = tmp_path / name
    path.write_bytes(data)
    return logos.read_logo(path)


# --- Accepted, byte for byte --------------------------------------------------------------


def test_the_example_organisations_logo_is_accepted_unchanged():
    logo = logos.read_logo(LOGO)
    assert (logo.media_type, logo.extension, logo.file_name) == (
        "image/svg+xml",
        "svg",
        "brightwater-sendiass.svg",
    )
    assert logo.data == LOGO.read_bytes()


def test_a_small_real_png_is_accepted_unchanged(tmp_path):
    data = png(160, 48)
    logo = accepted(tmp_path, data, "logo.png")
    assert (logo.media_type, logo.extension, logo.data) == ("image/png", "png", data)


def test_an_svg_with_gradients_clipping_text_style_and_local_use_is_accepted(tmp_path):
    data = svg(
        "<title>Our logo</title><desc>A wave</desc><defs>"
        '<linearGradient id="sea"><stop offset="0" stop-color="#1d4f6e"/></linearGradient>'
        '<clipPath id="box"><rect width="120" height="40" rx="4"/></clipPath>'
        "<style>.word { font-weight: bold; fill: url(#sea) }</style></defs>"
        '<g clip-path="url(#box)" data-name="Layer 1"><path id="wave" d="M0 30 C20 20 40 40 60 30"'
        ' fill="url(#sea)" stroke="#fff" style="stroke-width: 2"/>'
        '<use href="#wave" x="60"/><use xlink:href="#wave" y="4"/></g>'
        '<text class="word" x="4" y="20" font-family="sans-serif">Help</text>',
        attributes=' role="img" aria-label="Our logo"',
    )
    assert accepted(tmp_path, data, "logo.svg").data == data


def test_an_svg_with_a_width_and_height_but_no_view_box_is_accepted(tmp_path):
    data = b'<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40px"><rect/></svg>'
    assert accepted(tmp_path, data, "logo.SVG").media_type == "image/svg+xml"


# --- Hostile SVGs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (svg("<script>alert(1)</script>"), "the SVG has a <script> element, which can run code"),
        (
            svg('<script xmlns="http://www.w3.org/1999/xhtml">alert(1)</script>'),
            "the SVG has a <script> element",
        ),
        (svg(attributes=' onload="alert(1)"'), "the SVG has an event handler onload= on <svg>"),
        (svg('<rect onclick="x()"/>'), "the SVG has an event handler onclick= on <rect>"),
        (
            svg('<foreignObject><p xmlns="http://www.w3.org/1999/xhtml">Hi</p></foreignObject>'),
            "the SVG has a <foreignObject> element",
        ),
        (
            svg('<use href="https://tracker.example.com/logo.svg#a"/>'),
            'points outside the logo (href="https://tracker.example.com/logo.svg#a")',
        ),
        (svg('<use xlink:href="other.svg#a"/>'), 'points outside the logo (xlink:href="other'),
        (svg('<image href="https://example.com/x.png"/>'), "an <image> element"),
        (svg('<a href="https://example.com/"><rect/></a>'), "an <a> element, which is a link"),
        (svg('<use href="#nowhere"/>'), "points at #nowhere, which it does not have"),
        (svg('<use href="&#106;avascript:alert(1)"/>'), "contains 'javascript:'"),
        (svg('<rect fill="url(https://example.com/x)"/>'), "fill= on <rect> has url(https://"),
        (svg('<rect fill="data:image/png;base64,AAAA"/>'), "fill= on <rect> is a data: address"),
        (
            svg("<rect style=\"fill: url( 'https://example.com/p.png')\"/>"),
            "style attribute on <rect> has url(https://example.com/p.png)",
        ),
        (
            svg('<style>@import "https://example.com/s.css";</style>'),
            "<style> element has @import",
        ),
        (
            svg("<style>rect { fill: url(data:image/png;base64,AAAA) }</style>"),
            "<style> element has url(data:image/png;base64,AAAA)",
        ),
        (svg("<style>rect { background: image-set('x.png' 1x) }</style>"), "image-set("),
        (svg(r"<style>rect { fill: \75 rl(x) }</style>"), "backslash escape"),
        (svg("<!-- javascript:alert(1) --><rect/>"), "contains 'javascript:'"),
        (
            b'<?xml-stylesheet href="https://example.com/s.css"?>' + svg(),
            "processing instruction <?xml-stylesheet",
        ),
        (
            svg('<rect xmlns:x="https://example.com/x" x:evil="1"/>'),
            "attribute x:evil= on <rect> that is not part of SVG",
        ),
        (
            svg('<x:namedview xmlns:x="https://example.com/x"/>'),
            "an element <x:namedview> that is not part of SVG",
        ),
        (svg('<rect formaction="x"/>'), "attribute formaction= on <rect>, which a logo cannot"),
        (svg("<animate attributeName='x'/>"), "an <animate> element, which moves the logo"),
    ],
)
def test_a_hostile_svg_is_refused_naming_what_was_found(tmp_path, data, message):
    assert message in refusal(tmp_path, data)


def test_a_billion_laughs_svg_is_refused_before_any_entity_is_expanded(tmp_path):
    entities = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    data = (
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol0 "lol">{entities}]>'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&lol9;</text></svg>'
    ).encode()
    assert refusal(tmp_path, data) == (
        "the SVG has a DOCTYPE or ENTITY declaration; remove it (a logo needs neither)"
    )


def test_an_svg_with_an_external_entity_is_refused(tmp_path):
    data = (
        b'<!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><text>&secret;</text></svg>'
    )
    assert "DOCTYPE or ENTITY declaration" in refusal(tmp_path, data)


def test_an_svg_using_an_entity_it_does_not_define_is_refused(tmp_path):
    assert "is not well-formed XML (Entity 'lol' not defined" in refusal(
        tmp_path, svg("<text>&lol;</text>")
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "has no viewBox and no width"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="40"><rect/></svg>',
            'width="100%" and height="40" must be sizes in pixels',
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 0 40"><rect/></svg>',
            'viewBox="0 0 0 40" is not four numbers with a width and height above 0',
        ),
        (
            b'<svg viewBox="0 0 10 10"><rect/></svg>',
            'element needs xmlns="http://www.w3.org/2000/svg"',
        ),
        (svg("<rect>"), "the SVG is not well-formed XML"),
        (
            SVG.format(body="", attributes="").encode("latin-1") + "é".encode("latin-1"),
            "not saved as UTF-8",
        ),
    ],
)
def test_an_svg_without_a_size_or_not_well_formed_is_refused(tmp_path, data, message):
    assert message in refusal(tmp_path, data)


# --- Huge and damaged PNGs -----------------------------------------------------------------


def test_a_huge_png_is_refused_from_its_header_without_being_decompressed(tmp_path, monkeypatch):
    # 100,000 × 100,000 pixels is 30 GB unpacked; the file is a few dozen bytes.
    bomb = png(100_000, 100_000, rows=b"\x00" * 1000)
    assert len(bomb) < 200

    def no_decompressing(*_args, **_kwargs):
        raise AssertionError("the PNG was decompressed")

    monkeypatch.setattr(zlib, "decompress", no_decompressing)
    monkeypatch.setattr(zlib, "decompressobj", no_decompressing)
    assert refusal(tmp_path, bomb, "logo.png") == (
        "the PNG is 100000 × 100000 pixels; a logo can be at most 2000 × 2000 pixels "
        "(export it smaller)"
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (png(64, 64)[:-12], "it ends too early"),
        (png(64, 64) + b"extra", "it has extra data after its end"),
        (png(64, 64)[:-4] + b"\x00\x00\x00\x00", "a checksum does not match"),
        (
            logos.PNG_SIGNATURE + chunk(b"IDAT", b"") + chunk(b"IEND", b""),
            "it does not start with its header",
        ),
        (png(ihdr=struct.pack(">IIBBBBB", 64, 64, 3, 2, 0, 0, 0)), "settings no PNG can have"),
        (png(64, 64, before_end=chunk(b"acTL", b"\0" * 8)), "the PNG is animated"),
        (png(64, 64, before_end=chunk(b"ZZZZ", b"")), "a part no browser can read"),
        (png(200, 20), "the PNG is 20 pixels high; it is shown 48 pixels high"),
    ],
)
def test_a_damaged_animated_or_tiny_png_is_refused(tmp_path, data, message):
    assert message in refusal(tmp_path, data, "logo.png")


# --- Not an image, the wrong name, too big -------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "is a GIF image, not an SVG or PNG"),
        ("logo.png", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "is a JPEG image, not an SVG or PNG"),
        ("logo.png", b"Our logo goes here", "is not an SVG or PNG image"),
        (
            "logo.svg",
            b"<!DOCTYPE html><html><body><svg></svg><script>alert(1)</script></body></html>",
            "is a web page (HTML), not an SVG or PNG image",
        ),
        ("logo.svg", b"  \n ", "is empty"),
        ("logo.svg", png(64, 64), "holds a PNG image, so its name must end .png; rename it"),
        ("logo.png", svg(), "holds an SVG image, so its name must end .svg; rename it"),
        ("logo.gif", svg(), "holds an SVG image, so its name must end .svg"),
    ],
)
def test_a_file_that_is_not_a_logo_or_is_wrongly_named_is_refused(tmp_path, name, data, message):
    assert message in refusal(tmp_path, data, name)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    padding = b"<desc>" + b"x" * logos.MAX_BYTES + b"</desc>"
    path = tmp_path / "logo.svg"
    path.write_bytes(svg(padding.decode()))
    monkeypatch.setattr(type(path), "read_bytes", lambda _self: pytest.fail("it was read"))
    with pytest.raises(logos.LogoError, match=r"is 201 KB; a logo can be at most 200 KB"):
        logos.read_logo(path)


def test_a_missing_logo_file_is_refused(tmp_path):
    with pytest.raises(
        logos.LogoError, match=r"the file gone\.svg cannot be read: there is no such file"
    ):
        logos.read_logo(tmp_path / "gone.svg")


# --- The registry and the logo's address ---------------------------------------------------


def test_the_registry_stops_the_service_naming_the_file_and_logo(tmp_path):
    bad = tmp_path / "hostile.svg"
    bad.write_bytes(svg("<script>alert(1)</script>"))
    write_organisation(tmp_path / "organisations", NORTH, logo=bad)
    with pytest.raises(registry.OrganisationFileError) as raised:
        make_app(ORGANISATIONS_DIR=str(tmp_path / "organisations"))
    assert raised.value.field == "logo"
    assert str(raised.value) == (
        "Organisation file north-advice.toml: logo: the SVG has a <script> element, "
        "which can run code; remove it"
    )


def test_the_registry_accepts_a_png_logo(tmp_path):
    logo = tmp_path / "source.png"
    logo.write_bytes(png(96, 48))
    folder = tmp_path / "organisations"
    write_organisation(folder, {**NORTH, "logo": "north-advice.png"}, logo=logo)
    app = make_app(ORGANISATIONS_DIR=str(folder))
    organisation = app.extensions["organisations"]["north-advice"]
    assert organisation.logo.media_type == "image/png"
    assert organisation.logo.data == logo.read_bytes()


def test_the_logo_is_served_as_itself_with_a_policy_that_lets_nothing_load(org_client):
    response = org_client.get("/o/north-advice/logo.svg")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    assert response.data == LOGO.read_bytes()
    policies = response.headers.getlist("Content-Security-Policy")
    assert any(policy.startswith("default-src 'none'") for policy in policies), policies
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert org_client.get("/o/north-advice/logo.png").status_code == 404
