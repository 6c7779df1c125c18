"""`make bench` measures the production configuration, with only the rate limits raised."""

import csv
import io

import pytest

from bench.__main__ import check_production_response
from bench.bulk import REGISTER_FACTS, bulk_figures, register_csv
from bench.config import production_app, production_environ, raised
from bench.wsgi import Response, WsgiRequest
from service.config import Config, rate_limit_settings


def test_every_limit_keeps_its_windows_and_is_raised():
    assert raised("60 per minute;600 per hour", factor=1000) == ("60000 per minute;600000 per hour")


def test_every_rate_limit_setting_is_raised_and_nothing_else():
    names = rate_limit_settings()

    assert {"RATELIMIT_API", "RATELIMIT_FORMS", "RATELIMIT_PDF", "RATELIMIT_RENDER"} <= set(names)
    assert "RATELIMIT_STORAGE_URI" not in names
    environ = production_environ()
    for name in names:
        assert environ[name] == raised(getattr(Config, name))


@pytest.fixture
def bench_app(tmp_path):
    return production_app(str(tmp_path / "instance"))


def test_the_bench_app_is_the_production_one(bench_app, tmp_path):
    config = bench_app.config

    assert config["SESSION_COOKIE_SECURE"] is True
    assert config["TESTING"] is False
    assert config["RATELIMIT_STORAGE_URI"] == "memory://"
    assert config["SQLALCHEMY_DATABASE_URI"].endswith(str(tmp_path / "instance" / "drafts.sqlite3"))
    assert bench_app.extensions["rate_limiter"].enabled


def test_the_request_it_times_answers_as_production_does(bench_app):
    with bench_app.test_request_context():
        example = bench_app.extensions["catalogue"].get("concern-letter").example
    request = WsgiRequest(bench_app, "POST", "/api/v1/documents/concern-letter", json_body=example)

    response = request()

    check_production_response(response)  # raises if not
    assert response.body.startswith(b"PK")  # a .docx is a zip
    assert response.headers["X-RateLimit-Limit"] == raised("60")  # counted, and raised


def test_a_limit_the_bench_leaves_alone_is_still_enforced(tmp_path):
    app = production_app(str(tmp_path), production_environ(RATELIMIT_API="2 per minute"))
    request = WsgiRequest(app, "POST", "/api/v1/documents/concern-letter", json_body={})

    statuses = [request().status for _ in range(3)]

    assert statuses == [422, 422, 429]


def test_a_response_without_the_production_headers_is_refused():
    bare = Response(200, [("Content-Type", "text/html")], b"")

    with pytest.raises(RuntimeError, match="not the production response"):
        check_production_response(bare)


def test_the_bulk_figures_make_every_pupil_s_plan(bench_app):
    lines = bulk_figures(bench_app, 3)

    assert lines[0] == "Bulk: 3 SEN support plans from one CSV to one ZIP, in one process"
    assert [line for line in lines if "x faster" in line] == [lines[3], lines[6]]
    assert lines[-1].startswith("  memory:")


def test_the_register_facts_are_the_columns_an_export_gives(bench_app):
    with bench_app.test_request_context():
        document = bench_app.extensions["catalogue"].get("sen-support-plan")
        data = register_csv(document, document.example, 2, REGISTER_FACTS).decode()
    headings = next(csv.reader(io.StringIO(data)))
    assert set(headings) == set(REGISTER_FACTS)


def test_the_bulk_register_names_each_pupil_once(bench_app):
    with bench_app.test_request_context():
        document = bench_app.extensions["catalogue"].get("sen-support-plan")
        data = register_csv(document, document.example, 4).decode()
    headings, *rows = csv.reader(io.StringIO(data))
    assert len(rows) == 4
    assert len({row[headings.index("child_name")] for row in rows}) == 4
