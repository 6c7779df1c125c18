"""The PDF queue is bounded in length and in wait: past either, a request gets a 503 "busy,
try again in a minute" (a page, or JSON under /api/, with Retry-After) that touches nobody's
answers, and a flood of PDF requests leaves the rest of the service quick."""

import io
import json
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import docx
import pytest
from werkzeug.serving import make_server

from service.delivery.pdf import PdfBusyError, PdfFailedError
from service.extensions import db
from service.fields import TextField
from service.steps import StepForm
from tests.service.delivery.conftest import left_running, soffice_processes
from tests.service.own_document import own_app, page, post
from tests.settings import make_app

BUSY = "The service is busy: try again in a minute"


class NameStep(StepForm):
    slug = "name"
    title = "What is your name?"
    name = TextField("Your full name", "Enter your full name")


NOTE = {
    "slug": "note",
    "title": "Note",
    "steps": (NameStep,),
    "build_context": lambda answers: {"name": answers["name"]},
    "filename": lambda answers: f"Note from {answers['name']}",
    "example_source": {"name": "Ada"},
}


def hanging_office(tmp_path):
    """A LibreOffice that starts and never answers: it holds its slot until the timeout.
    `started` appears once it runs."""
    started = tmp_path / "started"
    script = tmp_path / "soffice"
    script.write_text(f"#!/bin/sh\ntouch {started}\nexec sleep 60\n")
    script.chmod(0o755)
    return str(script), started


def wait_for(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


class Attempt(threading.Thread):
    """A conversion in a thread of its own: what it raised, and when."""

    def __init__(self, converter):
        super().__init__(daemon=True)
        self.converter = converter
        self.error = None
        self.took = None

    def run(self):
        started = time.monotonic()
        try:
            self.converter.convert(b"x")
        except (PdfBusyError, PdfFailedError) as error:
            self.error = error
        self.took = time.monotonic() - started


@pytest.fixture
def held(converters, tmp_path):
    """A converter of one slot, held by a conversion that hangs, and nobody may queue."""
    program, started = hanging_office(tmp_path)
    converter = converters(program, concurrency=1, queue_length=0, timeout=3, start_timeout=3)
    holder = Attempt(converter)
    holder.start()
    wait_for(started.exists)
    yield converter
    converter.close()
    holder.join(timeout=10)


# The same bounds whether LibreOffice is kept warm or started for each conversion.
@pytest.mark.parametrize("warm", [True, False], ids=["warm", "cold"])
def test_past_the_queue_length_at_once_and_past_the_wait_after_it(converters, tmp_path, warm):
    program, started = hanging_office(tmp_path)
    converter = converters(
        program, concurrency=1, queue_length=1, queue_wait=1, timeout=4, start_timeout=4, warm=warm
    )
    holder = Attempt(converter)
    holder.start()
    wait_for(started.exists)
    waiter = Attempt(converter)
    waiter.start()
    wait_for(lambda: converter.pool().queue.waiting == 1)

    late = time.monotonic()
    with pytest.raises(PdfBusyError) as refused:
        converter.convert(b"x")
    assert time.monotonic() - late < 0.5  # the line is full: refused at once
    assert refused.value.code == 503
    assert ("Retry-After", "60") in refused.value.get_headers()

    waiter.join(timeout=5)
    assert isinstance(waiter.error, PdfBusyError)
    assert 1 <= waiter.took < 3  # no free slot within PDF_QUEUE_WAIT
    holder.join(timeout=10)
    assert isinstance(holder.error, PdfFailedError)
    assert holder.took < 6


def test_busy_in_the_journey_is_a_503_page_and_the_answers_are_kept(held, tmp_path):
    with own_app(tmp_path, ["Name: {{ name }}"], **NOTE) as app:
        app.extensions["pdf"] = held
        client = app.test_client()
        post(client, "/documents/note/name", {"name": "Ada Lovelace"})
        response = client.get("/documents/note/download.pdf")
        assert response.status_code == 503
        assert about_a_minute(response.headers["Retry-After"])
        assert response.mimetype == "text/html"
        text = " ".join(page(response).xpath("//main")[0].text_content().split())
        assert "Sorry, the service is busy" in text
        assert "Your answers are saved" in text
        assert "Wait a minute, then try again" in text
        assert page(response).xpath("//main//a[@href='/']")

        word = client.get("/documents/note/download")
        assert word.status_code == 200
        assert "Name: Ada Lovelace" in docx_text(word.data)
        assert client.get("/documents/note/done").status_code == 200


def test_busy_in_the_api_is_a_503_in_json(held, tmp_path):
    with own_app(tmp_path, ["Name: {{ name }}"], **NOTE) as app:
        app.extensions["pdf"] = held
        client = app.test_client()
        response = client.post("/api/v1/documents/note?format=pdf", json={"name": "Ada"})
        assert response.status_code == 503
        assert about_a_minute(response.headers["Retry-After"])
        assert response.get_json() == {"errors": {"request": [BUSY]}}
        assert client.post("/api/v1/documents/note", json={"name": "Ada"}).status_code == 200


def about_a_minute(retry_after):
    """PdfBusyError says 60 seconds; Flask-Limiter, counting the request, rewrites the header
    from the time now, which can round it down a second."""
    return retry_after in ("59", "60")


def docx_text(data):
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


@pytest.mark.libreoffice
def test_a_flood_of_pdf_requests_leaves_the_front_page_quick(tmp_path, soffice_path, uno_python):
    app = make_app(
        SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/drafts.sqlite3",
        RATELIMIT_ENABLED=False,
        PDF_QUEUE_WAIT=10,  # its own converter: no other test's is warm
    )
    with app.app_context():
        db.create_all()
    converter = app.extensions["pdf"]
    before = soffice_processes()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.port}"
    example = json.dumps(app.extensions["catalogue"].get("concern-letter").example).encode()
    try:
        urllib.request.urlopen(f"{base}/", timeout=10).close()  # its templates compiled once
        with ThreadPoolExecutor(max_workers=12) as pool:
            pdfs = [pool.submit(ask_for_pdf, base, example) for _ in range(12)]
            slowest = 0.0
            while not all(pdf.done() for pdf in pdfs):
                started = time.monotonic()
                with urllib.request.urlopen(f"{base}/", timeout=10) as response:
                    assert response.status == 200
                slowest = max(slowest, time.monotonic() - started)
                time.sleep(0.02)
            answers = [pdf.result() for pdf in pdfs]
    finally:
        server.shutdown()
        started = converter.pool().started
        converter.close()
    assert slowest < 1, f"the front page took {slowest:.2f} s"
    statuses = [status for status, _, _ in answers]
    assert set(statuses) <= {200, 503}, statuses
    # Some convert and some wait (PDF_CONCURRENCY and PDF_QUEUE_LENGTH); at least the rest
    # are refused at once.
    converting, waiting = app.config["PDF_CONCURRENCY"], app.config["PDF_QUEUE_LENGTH"]
    assert statuses.count(200) >= converting
    assert statuses.count(503) >= len(statuses) - converting - waiting
    for status, retry_after, body in answers:
        if status == 200:
            assert body.startswith(b"%PDF")
        else:
            assert about_a_minute(retry_after)
            assert json.loads(body) == {"errors": {"request": [BUSY]}}
    assert not left_running(before, {instance.pgid for instance in started})
    assert not [instance.folder for instance in started if instance.folder.exists()]


def ask_for_pdf(base, body):
    request = urllib.request.Request(
        f"{base}/api/v1/documents/concern-letter?format=pdf",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, None, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers.get("Retry-After"), error.read()
