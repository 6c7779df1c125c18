"""The printable leaflet in real Chromium: no accessibility violations on a phone or a wide
screen, and printed it is the leaflet alone on exactly one A4 page, even for the organisation
with the longest name, hours and address and every document, with a QR code big enough to
scan from paper."""

import io
import shutil

import pytest
from pypdf import PdfReader

from tests.browser.conftest import serve
from tests.service.organisations.conftest import EXAMPLE_FOLDER, write_organisation
from tests.settings import make_app

pytestmark = pytest.mark.browser

EXAMPLE = "brightwater-sendiass"
LONGEST = "a" * 38 + "-z"  # the longest slug there can be: 40 characters
A4_POINTS = (595.3, 841.9)  # 210 × 297 mm
MIN_QR_PX = 30 / 25.4 * 96  # 3 cm in CSS pixels


def longest_organisation(offered):
    """Every text as long as the registry allows, and every document offered."""
    return {
        "slug": LONGEST,
        "name": ("The Greater Brightwater, Harbourside and District SEND Advice Service " * 2)[
            :80
        ].strip(),
        "logo": "longest.svg",
        "website": "https://www.greater-brightwater-and-district-send-advice.example.org/",
        "email": "family.advice.helpline@greater-brightwater-send-advice.example.org",
        "charity_number": "1234567",
        "welcome": "We help families.",
        "documents": offered,
        "helpline": {
            "phone": "+44 (0) 808 157 0192",
            "hours": (
                "Monday to Thursday, 9:30am to 4:30pm; Friday 9:30am to 1pm; closed on bank "
                "holidays and between Christmas and New Year"
            ),
        },
    }


@pytest.fixture(scope="module")
def leaflet_server(tmp_path_factory):
    """The service with the example organisation and the longest one."""
    folder = tmp_path_factory.mktemp("organisations")
    for name in (f"{EXAMPLE}.toml", f"{EXAMPLE}.svg"):
        shutil.copyfile(EXAMPLE_FOLDER / name, folder / name)
    offered = [document.slug for document in make_app().extensions["catalogue"]]
    write_organisation(folder, longest_organisation(offered))
    yield from serve(tmp_path_factory, ORGANISATIONS_DIR=str(folder))


@pytest.mark.parametrize("slug", [EXAMPLE, LONGEST])
@pytest.mark.parametrize("width", [390, 1280])
def test_the_leaflet_has_no_accessibility_violations(
    page, leaflet_server, check_accessible, slug, width
):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{leaflet_server}/o/{slug}/leaflet")
    assert page.inner_text("h1") == "Leaflet to print"
    check_accessible(page, f"leaflet of {slug} at {width} px")
    # Nothing wider than the screen: the leaflet reflows on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("slug", [EXAMPLE, LONGEST])
def test_printed_it_is_the_leaflet_alone_on_one_a4_page(page, leaflet_server, slug):
    page.goto(f"{leaflet_server}/o/{slug}/leaflet")
    organisation = page.inner_text(".app-leaflet__name")
    address = page.inner_text(".app-leaflet__address")

    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    assert len(pdf.pages) == 1
    (printed,) = pdf.pages
    # Chromium rounds A4 to 8.27 × 11.7 inches.
    assert [float(n) for n in printed.mediabox[2:]] == pytest.approx(A4_POINTS, abs=1.5)
    text = " ".join(printed.extract_text().split())
    assert organisation in text
    assert "Scan with your phone" in text
    assert address.replace("\n", "") in text.replace(" ", "")
    # No page chrome, no instructions, no navigation.
    for chrome in ("Leaflet to print", "Skip to main content", "Privacy", "Cookies", "Ctrl"):
        assert chrome not in text


def test_printed_the_qr_code_is_big_enough_to_scan_and_the_page_chrome_is_hidden(
    page, leaflet_server
):
    page.goto(f"{leaflet_server}/o/{EXAMPLE}/leaflet")
    page.emulate_media(media="print")
    box = page.locator(".app-leaflet__qr").bounding_box()
    assert box["width"] >= MIN_QR_PX
    assert box["height"] == pytest.approx(box["width"])
    for hidden in (".govuk-template__header", ".govuk-template__footer", "h1"):
        assert not page.is_visible(hidden)
    assert page.is_visible(".app-leaflet__brand")
