"""PDF through LibreOffice: every document converts, tagged and titled; four at once work;
a missing, failing or hanging LibreOffice never costs the user an answer or the download.
Started afresh for each conversion (`warm=False`) where no Python can import uno, and as the
baseline `make bench` measures: tests of the warm pool are in test_pdf_pool.py."""

import io
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdf
import pytest

from forms import CATALOGUE
from service.delivery.pdf import PdfConverter, PdfFailedError, PdfUnavailableError
from service.extensions import db
from tests.settings import make_app

SLUGS = [document.slug for document in CATALOGUE]


def leftover_folders():
    return set(Path(tempfile.gettempdir()).glob("sen-pdf-*"))


def fake_office(tmp_path, body):
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(0o755)
    return str(script)


def app_with(**config):
    app = make_app(**config)
    with app.app_context():
        db.create_all()
    return app


@pytest.mark.libreoffice
@pytest.mark.parametrize("slug", SLUGS)
def test_every_example_converts_tagged_with_its_answers(app, client, soffice_path, slug):
    document = app.extensions["catalogue"].get(slug)
    before = leftover_folders()
    response = client.post(f"/api/v1/documents/{slug}?format=pdf", json=document.example)
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "application/pdf"
    assert (
        response.headers["Content-Disposition"].endswith('.pdf"')
        or "filename*" in (response.headers["Content-Disposition"])
    )
    reader = pypdf.PdfReader(io.BytesIO(response.data))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for value in document.example.values():
        if isinstance(value, str) and 3 < len(value) < 60 and "\n" not in value and " " in value:
            assert value in text or value.title() in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root  # tagged for screen readers
    assert root.get("/Lang") == "en-GB"
    assert reader.metadata.title == document.title
    assert leftover_folders() <= before


def concern_letter(app):
    document = app.extensions["catalogue"].get("concern-letter")
    with app.test_request_context():
        return app.extensions["renderer"].render(
            document, document.build_context(document.example | {"requests": []})
        )


@pytest.mark.libreoffice
def test_four_conversions_at_once_all_succeed(app, converters, soffice_path):
    data = concern_letter(app)
    # Two at work and two in line, waiting long enough for LibreOffice to start.
    converter = converters(soffice_path, timeout=120, concurrency=2, queue_wait=60)
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: converter.convert(data), range(4)))
    assert all(result.startswith(b"%PDF") for result in results)


@pytest.mark.libreoffice
def test_a_cold_conversion_is_tagged_too(app, converters, soffice_path):
    converter = converters(soffice_path, warm=False)
    reader = pypdf.PdfReader(io.BytesIO(converter.convert(concern_letter(app))))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.trailer["/Root"].get("/Lang") == "en-GB"
    assert not converter.pool().warm


def test_missing_libreoffice_is_a_503_in_json():
    app = app_with(LIBREOFFICE_PATH="/nowhere/soffice")
    client = app.test_client()
    example = client.get("/api/v1/documents/concern-letter/example").get_json()
    response = client.post("/api/v1/documents/concern-letter?format=pdf", json=example)
    assert response.status_code == 503
    assert response.get_json() == {
        "errors": {"format": ["PDF is not available on this server: ask for docx instead"]}
    }
    assert client.post("/api/v1/documents/concern-letter", json=example).status_code == 200


def test_libreoffice_that_makes_nothing_is_reported(tmp_path):
    converter = PdfConverter(fake_office(tmp_path, "exit 0"), timeout=5, warm=False)
    with pytest.raises(PdfFailedError, match="did not produce"):
        converter.convert(b"not really a docx")


def test_hanging_libreoffice_is_stopped_with_its_children(tmp_path):
    child_pid = tmp_path / "child.pid"
    # The launcher starts a child that would outlive it, as LibreOffice's launcher does.
    body = f"sleep 300 &\necho $! > {child_pid}\nsleep 300"
    converter = PdfConverter(fake_office(tmp_path, body), timeout=1, warm=False)
    before = leftover_folders()
    started = time.monotonic()
    with pytest.raises(PdfFailedError, match="longer than 1 seconds"):
        converter.convert(b"x")
    assert time.monotonic() - started < 10
    assert leftover_folders() <= before
    pid = int(child_pid.read_text())
    for _ in range(50):  # the orphan is reaped by init shortly after it is killed
        if not Path(f"/proc/{pid}").exists() or "Z" in _state(pid):
            break
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists() or "Z" in _state(pid)


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return "gone"


def test_without_a_python_for_uno_each_pdf_starts_libreoffice_cold(tmp_path, caplog):
    converter = PdfConverter(fake_office(tmp_path, "exit 0"), python="/nowhere/python3")
    for _ in range(2):
        with pytest.raises(PdfFailedError, match="did not produce"):  # the cold path's check
            converter.convert(b"x")
    assert not converter.pool().warm
    said = [record.getMessage() for record in caplog.records if "uno" in record.getMessage()]
    assert said == [
        "PDF: LIBREOFFICE_PYTHON (/nowhere/python3) cannot import uno, so every PDF starts "
        "LibreOffice afresh (slow)"
    ]


def test_unavailable_converter_says_so():
    converter = PdfConverter("/nowhere/soffice")
    assert not converter.available
    with pytest.raises(PdfUnavailableError):
        converter.convert(b"x")
