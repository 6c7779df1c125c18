"""The printable leaflet: its QR code opens the organisation's own front door, the address is
printed in words too, and it names no organisation but its own."""

import re

import pytest
import segno
from lxml import html

from tests.service.organisations.conftest import NORTH, SOUTH

FRONT_DOOR = "http://localhost/o/north-advice/"


def leaflet_page(client, slug="north-advice"):
    response = client.get(f"/o/{slug}/leaflet")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def the_qr_code(page):
    (svg,) = html.fromstring(page).xpath("//svg[contains(@class, 'app-leaflet__qr')]")
    return svg


def modules(svg):
    """The QR code's modules as the page draws them, read back from its SVG: a row of
    booleans (dark or not) for each row of the picture, quiet zone included.

    segno draws the light background as one filled square and the dark modules as one path
    of horizontal strokes one unit wide: `M x y` or `m dx dy` moves, `h n` draws n modules
    along the row whose middle is at y."""
    # (lxml's HTML parser gives attribute names in lower case.)
    width, height = (int(n) for n in svg.get("viewbox").split()[2:])
    background, dark = svg.xpath("path")
    assert background.get("fill") == "#fff"
    assert background.get("d") == f"M0 0h{width}v{height}h-{width}z"  # all of it, light
    assert dark.get("stroke") == "#000"
    grid = [[False] * width for _ in range(height)]
    x = y = 0.0
    commands = re.findall(r"([A-Za-z])([^A-Za-z]*)", dark.get("d"))
    assert {command for command, _ in commands} <= {"M", "m", "h"}
    for command, numbers in commands:
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        else:
            for column in range(round(x), round(x + values[0])):
                grid[int(y)][column] = True
            x += values[0]
    return grid


def symbol(grid, quiet_zone=4):
    """The code inside its quiet zone, which must be light all round."""
    for row in grid[:quiet_zone] + grid[-quiet_zone:]:
        assert not any(row)
    for row in grid:
        assert not any(row[:quiet_zone] + row[-quiet_zone:])
    return [row[quiet_zone:-quiet_zone] for row in grid[quiet_zone:-quiet_zone]]


def error_correction(matrix):
    """The error correction level written in the code's format information (ISO/IEC 18004
    7.9): the 15 bits beside the top-left finder pattern, masked with 101010000010010."""
    bits = [matrix[8][c] for c in (0, 1, 2, 3, 4, 5, 7, 8)]
    bits += [matrix[r][8] for r in (7, 5, 4, 3, 2, 1, 0)]
    value = int("".join("1" if bit else "0" for bit in bits), 2) ^ 0b101010000010010
    return {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}[value >> 13]


def test_the_qr_code_holds_the_front_doors_full_address(org_client):
    drawn = symbol(modules(the_qr_code(leaflet_page(org_client))))
    expected = segno.make_qr(FRONT_DOOR, error="m")
    assert drawn == [[bool(module) for module in row] for row in expected.matrix]
    # The same picture cannot come from another address, a relative one or another level.
    for other in ("/o/north-advice/", "http://localhost/o/south-advice/", "http://localhost/"):
        assert drawn != [[bool(m) for m in row] for row in segno.make_qr(other).matrix]


def test_the_qr_code_survives_damage_and_has_a_quiet_zone(org_client):
    svg = the_qr_code(leaflet_page(org_client))
    grid = modules(svg)
    assert error_correction(symbol(grid)) in {"M", "Q", "H"}
    assert len(grid) == len(symbol(grid)) + 8


def test_the_qr_code_is_an_image_that_says_where_it_leads(org_client):
    svg = the_qr_code(leaflet_page(org_client))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == f"QR code: link to {FRONT_DOOR}"


def test_the_front_doors_address_is_printed_in_words(org_client):
    page = html.fromstring(leaflet_page(org_client))
    (address,) = page.xpath("//*[@class='app-leaflet__address']")
    assert address.text_content().strip() == "localhost/o/north-advice"
    # Where it may break, when it must: after a slash, never at a hyphen of the slug.
    assert [part.text for part in address.xpath(".//span")] == ["localhost", "o", "north-advice"]
    assert len(address.xpath(".//wbr")) == 2


def test_the_leaflet_gives_the_documents_and_the_helpline(org_app, org_client):
    page = html.fromstring(leaflet_page(org_client))
    leaflet = page.xpath("//article[contains(@class, 'app-leaflet')]")[0]
    text = " ".join(leaflet.text_content().split())
    catalogue = org_app.extensions["catalogue"]
    listed = [" ".join(li.text_content().split()) for li in leaflet.xpath(".//ul/li")]
    assert listed == [catalogue.get(slug).title for slug in NORTH["documents"]]
    for detail in (
        NORTH["name"],
        NORTH["helpline"]["phone"],
        NORTH["helpline"]["hours"],
        NORTH["email"],
        "north-advice.example.org",
    ):
        assert detail in text
    assert leaflet.xpath(".//img/@src") == ["/o/north-advice/logo.svg"]
    assert page.xpath("//h1/text()") == ["Leaflet to print"]


@pytest.mark.parametrize(("own", "other"), [(NORTH, SOUTH), (SOUTH, NORTH)])
def test_a_leaflet_names_only_its_own_organisation(org_app, org_client, own, other):
    page = leaflet_page(org_client, own["slug"])
    text = html.fromstring(page).text_content()
    for detail in (own["name"], own["helpline"]["phone"], own["email"]):
        assert detail in page
    for detail in (
        other["name"],
        other["slug"],
        other["helpline"]["phone"],
        other["helpline"]["hours"],
        other["email"],
    ):
        assert detail not in page
    catalogue = org_app.extensions["catalogue"]
    for document in catalogue:
        if document.slug not in own["documents"]:
            assert document.title not in text


def test_there_is_no_leaflet_for_an_organisation_that_does_not_exist(org_client):
    assert org_client.get("/o/nobody/leaflet").status_code == 404


def test_the_front_door_links_to_its_leaflet(org_client):
    page = html.fromstring(org_client.get("/o/south-advice/").get_data(as_text=True))
    assert page.xpath("//a[@href='/o/south-advice/leaflet']/text()") == [
        "Print a leaflet for families"
    ]
