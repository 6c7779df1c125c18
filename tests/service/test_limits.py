"""Rate limits that protect the service: per client (IPv6 by /64) and per draft, counted across
every route that does the same expensive work, on memory and on a real Redis.

No PDF is made here: LibreOffice is pointed at a path that does not exist, so a PDF request
that gets past the limit is answered 503 at once, and the one after the limit is the 429.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import docx
import pytest
from cryptography.fernet import Fernet
from limits import parse

from service import drafts
from service.catalogue import DocumentType
from service.extensions import db
from service.fields import TextField
from service.limits import draft_key, group_address, journey_draft_id
from service.steps import StepForm
from tests.conftest import free_port
from tests.service.own_document import document_text, page
from tests.settings import make_app

ROOT = Path(__file__).resolve().parents[2]
SLUG = "limited-letter"
BASE = f"/documents/{SLUG}"
API = f"/api/v1/documents/{SLUG}"
NO_LIBREOFFICE = "/nonexistent/soffice"
GENEROUS = "1000 per minute"


class NameStep(StepForm):
    slug = "name"
    title = "What is your name?"
    name = TextField("Your full name", "Enter your full name")


LETTER = DocumentType(
    slug=SLUG,
    title="A letter",
    summary="s",
    needs="n",
    audience=("parent",),
    steps=(NameStep,),
    build_context=lambda answers: {"name": answers["name"]},
    filename=lambda answers: f"Letter from {answers['name']}",
    example_source={"name": "Ada Lovelace"},
)


# --- Who a request counts as ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "client"),
    [
        ("192.0.2.7", "192.0.2.7"),
        ("2001:db8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:0db8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("fe80::1%eth0", "fe80::/64"),
        ("::ffff:192.0.2.7", "192.0.2.7"),
        # As some proxies forward them, with the client's port.
        ("192.0.2.7:51234", "192.0.2.7"),
        ("[2001:db8:1:2::1]:443", "2001:db8:1:2::/64"),
        ("[::ffff:192.0.2.7]:443", "192.0.2.7"),
        ("not an address", "not an address"),
        ("", "unknown"),
    ],
)
def test_clients_are_ipv4_addresses_and_ipv6_networks(address, client):
    assert group_address(address) == client


def test_draft_ids_are_not_stored_in_the_rate_limit_keys():
    key = draft_key("a-draft-id-that-opens-the-draft")
    assert "draft-id" not in key
    assert key == draft_key("a-draft-id-that-opens-the-draft") != draft_key("another")


# --- Apps on memory and on Redis --------------------------------------------------------------


@pytest.fixture(params=["memory", "redis"])
def storage(request):
    """Settings for where counts live: each process's memory, or a real Redis server, where
    each test has a key prefix of its own and removes its keys afterwards."""
    if request.param == "memory":
        yield {"RATELIMIT_STORAGE_URI": "memory://"}
        return
    redis = pytest.importorskip("redis")
    url = request.getfixturevalue("redis_url")
    prefix = f"test-{uuid.uuid4().hex}"
    yield {"RATELIMIT_STORAGE_URI": url, "RATELIMIT_KEY_PREFIX": prefix}
    with contextlib.closing(redis.Redis.from_url(url)) as server:
        keys = list(server.scan_iter(match=f"*/{prefix}/*"))
        if keys:
            server.delete(*keys)


@pytest.fixture
def make_limited(storage, tmp_path):
    """Builds the app with one one-step document, the storage's settings, no LibreOffice and
    the limits given; its tables exist until the test ends. (No app context stays pushed:
    requests would share its `g`, and with it one client's security token.)"""
    template = docx.Document()
    template.add_paragraph("Name: {{ name }}")
    template.save(tmp_path / f"{SLUG}.docx")
    made = []

    def make(**limits):
        app = make_app(
            catalogue=[LETTER],
            templates=tmp_path,
            LIBREOFFICE_PATH=NO_LIBREOFFICE,
            **{**storage, **limits},
        )
        with app.app_context():
            db.create_all()
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.drop_all()
        close_storage(app)


def close_storage(app):
    """Close the app's connections to Redis: an open socket left to the garbage collector
    warns, and warnings fail the tests."""
    limiter = app.extensions["rate_limiter"]
    client = getattr(limiter.storage, "storage", None) if limiter.enabled else None
    if client is not None and hasattr(client, "connection_pool"):
        client.connection_pool.disconnect()


def at(address):
    return {"environ_base": {"REMOTE_ADDR": address}}


def finish(client, address="192.0.2.1", name="Ada Lovelace"):
    """Answer the document's one question, so its draft is complete and stored."""
    response = client.post(
        f"{BASE}/name",
        data={"csrf_token": token(client, address), "name": name},
        **at(address),
    )
    assert response.status_code == 302
    return client


def token(client, address):
    response = client.get(f"{BASE}/name", **at(address))
    return page(response).xpath("//input[@name='csrf_token']/@value")[0]


def api_pdf(client, address):
    return client.post(f"{API}?format=pdf", json=LETTER.example, **at(address))


def assert_refused(response, within=60):
    assert response.status_code == 429
    wait = int(response.headers["Retry-After"])
    assert 1 <= wait <= within


# --- IPv6 and IPv4-mapped clients ---------------------------------------------------------------


def test_one_ipv6_64_is_one_client(make_limited):
    client = make_limited(RATELIMIT_RENDER="2 per minute").test_client()
    assert client.get(f"{BASE}/blank", **at("2001:db8:1:2::1")).status_code == 200
    assert client.get(f"{BASE}/blank", **at("2001:db8:1:2:ffff::9")).status_code == 200
    assert_refused(client.get(f"{BASE}/blank", **at("2001:db8:1:2:abcd::1")))
    # The next /64 is another client, with an allowance of its own.
    assert client.get(f"{BASE}/blank", **at("2001:db8:1:3::1")).status_code == 200


def test_ipv4_mapped_ipv6_is_the_ipv4_client(make_limited):
    client = make_limited(RATELIMIT_RENDER="2 per minute").test_client()
    assert client.get(f"{BASE}/blank", **at("192.0.2.7")).status_code == 200
    assert client.get(f"{BASE}/blank", **at("::ffff:192.0.2.7")).status_code == 200
    assert_refused(client.get(f"{BASE}/blank", **at("192.0.2.7")))
    assert client.get(f"{BASE}/blank", **at("192.0.2.8")).status_code == 200


def test_api_limits_group_ipv6_too(make_limited):
    client = make_limited(RATELIMIT_API="2 per minute").test_client()
    listing = "/api/v1/documents"
    assert client.get(listing, **at("2001:db8:9:9::1")).status_code == 200
    assert client.get(listing, **at("2001:db8:9:9::2")).status_code == 200
    refused = client.get(listing, **at("2001:db8:9:9::3"))
    assert_refused(refused)
    assert refused.get_json() == {
        "errors": {"request": ["Too many requests: wait a minute, then try again"]}
    }
    assert client.get(listing, **at("2001:db8:9:a::1")).status_code == 200


# --- PDF: per client across routes, and per draft ------------------------------------------


def test_pdf_is_counted_per_client_across_the_journey_and_the_api(make_limited):
    app = make_limited(RATELIMIT_PDF="2 per minute", RATELIMIT_PDF_PER_DRAFT=GENEROUS)
    client = finish(app.test_client())
    here = "192.0.2.1"
    assert client.get(f"{BASE}/download.pdf", **at(here)).status_code == 503
    assert api_pdf(client, here).status_code == 503
    assert_refused(client.get(f"{BASE}/download.pdf", **at(here)))
    refused = api_pdf(client, here)
    assert_refused(refused)
    assert "errors" in refused.get_json()
    # Another client is not held back by this one.
    assert api_pdf(client, "192.0.2.2").status_code == 503


def test_pdf_is_counted_per_draft_whichever_address_asks(make_limited):
    app = make_limited(RATELIMIT_PDF=GENEROUS, RATELIMIT_PDF_PER_DRAFT="2 per minute")
    shared = finish(app.test_client())
    assert shared.get(f"{BASE}/download.pdf", **at("192.0.2.1")).status_code == 503
    assert shared.get(f"{BASE}/download.pdf", **at("198.51.100.1")).status_code == 503
    assert_refused(shared.get(f"{BASE}/download.pdf", **at("203.0.113.1")))
    # Another draft, from one of the same addresses, has an allowance of its own.
    other = finish(app.test_client(), address="203.0.113.1", name="Grace Hopper")
    assert other.get(f"{BASE}/download.pdf", **at("203.0.113.1")).status_code == 503
    # The API reads no cookie, so it counts per client only, even sent the spent draft's.
    assert api_pdf(shared, "203.0.113.1").status_code == 503


def test_pdf_and_word_have_separate_allowances(make_limited):
    app = make_limited(RATELIMIT_PDF="1 per minute", RATELIMIT_RENDER="1 per minute")
    client = finish(app.test_client())
    assert client.get(f"{BASE}/download.pdf", **at("192.0.2.1")).status_code == 503
    assert_refused(client.get(f"{BASE}/download.pdf", **at("192.0.2.1")))
    assert client.get(f"{BASE}/download", **at("192.0.2.1")).status_code == 200
    assert_refused(client.get(f"{BASE}/download", **at("192.0.2.1")))


def test_a_refused_pdf_loses_nothing(make_limited):
    app = make_limited(RATELIMIT_PDF="1 per minute", RATELIMIT_RENDER=GENEROUS)
    client = finish(app.test_client())
    stored = stored_draft(app)

    assert client.get(f"{BASE}/download.pdf", **at("192.0.2.1")).status_code == 503
    refused = client.get(f"{BASE}/download.pdf", **at("192.0.2.1"))
    assert_refused(refused)
    words = " ".join(page(refused).text_content().split())
    assert "You have sent too many requests" in words
    assert "Answers you saved before are still kept" in words
    (back,) = page(refused).xpath("//main//a[normalize-space()='Go back to your document']/@href")
    assert back == f"{BASE}/"

    assert stored_draft(app) == stored
    word = client.get(f"{BASE}/download", **at("192.0.2.1"))
    assert word.status_code == 200
    assert document_text(word.data) == "Name: Ada Lovelace"


def stored_draft(app):
    """The one stored draft, as the database holds it."""
    with app.app_context():
        (row,) = db.session.query(drafts.DraftRecord).all()
        return (row.id, row.payload, row.updated_at, row.expires_at)


# --- Rendering: preview, Word, blank templates, the API's Word documents -------------------


def test_rendering_routes_share_one_allowance_per_client(make_limited):
    app = make_limited(RATELIMIT_RENDER="4 per minute", RATELIMIT_RENDER_PER_DRAFT=GENEROUS)
    client = finish(app.test_client())
    here = at("192.0.2.1")
    assert client.get(f"{BASE}/check-answers", **here).status_code == 200
    assert client.get(f"{BASE}/download", **here).status_code == 200
    assert client.get(f"{BASE}/blank", **here).status_code == 200
    assert client.post(API, json=LETTER.example, **here).status_code == 200
    for url in ("check-answers", "download", "blank"):
        assert_refused(client.get(f"{BASE}/{url}", **here))
    assert_refused(client.post(API, json=LETTER.example, **here))
    assert_refused(client.post(f"{API}?blank=1", **here))
    # Pages that render no document are not counted.
    assert client.get(f"{BASE}/done", **here).status_code == 200


def test_rendering_is_counted_per_draft(make_limited):
    app = make_limited(RATELIMIT_RENDER=GENEROUS, RATELIMIT_RENDER_PER_DRAFT="2 per minute")
    shared = finish(app.test_client())
    assert shared.get(f"{BASE}/check-answers", **at("192.0.2.1")).status_code == 200
    assert shared.get(f"{BASE}/download", **at("192.0.2.2")).status_code == 200
    assert_refused(shared.get(f"{BASE}/download", **at("192.0.2.3")))
    # Without a draft of this document, a blank template is counted per client only.
    assert app.test_client().get(f"{BASE}/blank", **at("192.0.2.3")).status_code == 200


def test_limits_can_be_switched_off(make_limited):
    app = make_limited(RATELIMIT_ENABLED=False, RATELIMIT_RENDER="1 per minute")
    client = app.test_client()
    assert [client.get(f"{BASE}/blank").status_code for _ in range(3)] == [200, 200, 200]


# --- Every 429 says when to come back -----------------------------------------------------


def test_every_429_carries_retry_after(make_limited):
    app = make_limited(RATELIMIT_FORMS="1 per minute", RATELIMIT_API="1 per minute")
    client = app.test_client()
    here = "192.0.2.1"
    # The journey's form posts (Flask-Limiter's own limit on the blueprint).
    assert client.post(f"{BASE}/delete", data={}, **at(here)).status_code in {302, 400}
    refused = client.post(f"{BASE}/delete", data={}, **at(here))
    assert_refused(refused)
    assert refused.mimetype == "text/html"
    # The API's own limit (RATELIMIT_API): JSON.
    assert client.get("/api/v1/documents", **at(here)).status_code == 200
    refused = client.get("/api/v1/documents", **at(here))
    assert_refused(refused)
    assert refused.mimetype == "application/json"


def test_an_hourly_limit_says_to_wait_longer_than_a_minute(make_limited):
    app = make_limited(RATELIMIT_PDF="100 per minute;1 per hour")
    client = app.test_client()
    assert api_pdf(client, "192.0.2.1").status_code == 503
    refused = api_pdf(client, "192.0.2.1")
    assert_refused(refused, within=3600)
    assert int(refused.headers["Retry-After"]) > 60


def test_being_refused_for_the_minute_does_not_use_up_the_hour(make_limited):
    app = make_limited(RATELIMIT_PDF="1 per minute;3 per hour")
    client = app.test_client()
    assert api_pdf(client, "192.0.2.1").status_code == 503
    for _ in range(3):
        assert_refused(api_pdf(client, "192.0.2.1"))
    hour = parse("3 per hour")
    keys = (app.config.get("RATELIMIT_KEY_PREFIX"), "pdf", "client", "192.0.2.1")
    strategy = app.extensions["rate_limiter"].limiter
    assert strategy.get_window_stats(hour, *filter(None, keys)).remaining == 2


# --- gunicorn -----------------------------------------------------------------------------------


def gunicorn(*arguments, **environment):
    """Real gunicorn with the project's settings file, in production configuration."""
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": os.environ.get("HOME", str(ROOT)),
        "SECRET_KEY": "a-secret-for-this-test-only-" + "x" * 32,
        "DRAFT_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "LIBREOFFICE_PATH": NO_LIBREOFFICE,  # no warm LibreOffice to start: not tested here
        **environment,
    }
    command = [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "gunicorn.conf.py"), *arguments]
    return subprocess.Popen(
        [*command, "wsgi:app"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        ((), {}),  # two workers by default, and counts in memory by default
        (("-w", "2"), {"RATELIMIT_STORAGE_URI": "memory://"}),
        ((), {"WEB_CONCURRENCY": "3", "RATELIMIT_STORAGE_URI": "memory://"}),
    ],
)
def test_gunicorn_refuses_several_workers_counting_in_memory(arguments, environment):
    server = gunicorn(*arguments, PORT=str(free_port()), **environment)
    try:
        _, errors = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 1
    assert "Error: RATELIMIT_STORAGE_URI is 'memory://'" in errors
    assert "Booting worker" not in errors


def serves_start_page(server, port, timeout=30):
    """True once the server answers "/" with 200; False if it stops first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                return response.status == 200
        except OSError:  # not listening yet, or a worker still booting
            time.sleep(0.1)
    return False


@contextlib.contextmanager
def running(*arguments, **environment):
    port = free_port()
    server = gunicorn(*arguments, HOST="127.0.0.1", PORT=str(port), **environment)
    try:
        yield server, port
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            _, server.errors = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            _, server.errors = server.communicate()


def test_gunicorn_serves_one_worker_counting_in_memory(tmp_path):
    database = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with running("-w", "1", DATABASE_URL=database) as (server, port):
        served = serves_start_page(server, port)
    assert served, server.errors


def test_gunicorn_serves_several_workers_counting_in_redis(tmp_path, redis_url):
    database = f"sqlite:///{tmp_path / 'drafts.sqlite3'}"
    with running(DATABASE_URL=database, RATELIMIT_STORAGE_URI=redis_url) as (server, port):
        served = serves_start_page(server, port)
    assert served, server.errors
    assert "Booting worker" in server.errors


@pytest.mark.parametrize(
    ("arguments", "environment"),
    [
        (("-w", "1", "--threads", "8"), {}),  # 2 converting + 6 waiting would take all 8
        (("-w", "1"), {"PDF_QUEUE_LENGTH": "20"}),  # the config's 12 threads, a longer queue
    ],
)
def test_gunicorn_refuses_threads_that_pdf_requests_could_all_hold(arguments, environment):
    server = gunicorn(*arguments, PORT=str(free_port()), **environment)
    try:
        _, errors = server.communicate(timeout=20)
    finally:
        server.kill()
    assert server.returncode == 1
    assert "PDF requests can hold" in errors
    assert "Booting worker" not in errors


# --- The API: its own limits and the work it asks for, counted together --------------------


def test_an_api_document_counts_against_the_api_and_its_work(make_limited):
    app = make_limited(RATELIMIT_API="4 per minute", RATELIMIT_RENDER="2 per minute")
    client = app.test_client()
    here = "192.0.2.20"
    made = [client.post(API, json=LETTER.example, **at(here)) for _ in range(2)]
    assert [response.status_code for response in made] == [200, 200]
    assert_refused(client.post(API, json=LETTER.example, **at(here)))
    # Three API requests so far; the fourth, which makes nothing, is still allowed.
    listing = client.get("/api/v1/documents", **at(here))
    assert listing.status_code == 200
    assert listing.headers["X-RateLimit-Limit"] == "4"
    assert listing.headers["X-RateLimit-Remaining"] == "0"
    assert_refused(client.get("/api/v1/documents", **at(here)))


def test_api_headers_describe_the_limit_nearest_to_refusing(make_limited):
    app = make_limited(RATELIMIT_API="100 per minute;3 per hour")
    client = app.test_client()
    response = client.get("/api/v1/documents", **at("192.0.2.21"))
    assert response.headers["X-RateLimit-Limit"] == "3"
    assert response.headers["X-RateLimit-Remaining"] == "2"
    assert 60 < int(response.headers["X-RateLimit-Reset"]) - time.time() <= 3601


def test_a_new_draft_is_counted_as_its_own_browsers_not_as_one_shared_by_all(app):
    counted = []
    for _browser in range(2):
        with app.test_request_context("/documents/concern-letter/download?draft=new"):
            drafts.save(drafts.Draft("concern-letter"))  # the browser's own device key
            counted.append(journey_draft_id())
    assert counted[0] != counted[1]
    assert "new" not in counted[0]
