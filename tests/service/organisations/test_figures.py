"""The figures page and its CSV behind each organisation's secret link, and `flask orgs
secret`: a wrong secret is a page that does not exist, small counts are suppressed, each
organisation sees only its own figures, and a new secret replaces one line of its file."""

import csv
import datetime
import io
import re

import pytest
from sqlalchemy import insert

from service import dates
from service.extensions import db
from service.organisations import figures, registry, usage
from tests.service.organisations.conftest import NORTH, SOUTH, write_organisation
from tests.service.own_document import page
from tests.settings import make_app

NORTH_SECRET = "north-secret-0123456789abcdefghijklmnopqrstuvwxyz"
SOUTH_SECRET = "south-secret-0123456789abcdefghijklmnopqrstuvwxyz"
NORTH_FIGURES = f"/o/north-advice/figures/{NORTH_SECRET}"
SOUTH_FIGURES = f"/o/south-advice/figures/{SOUTH_SECRET}"


@pytest.fixture
def folder(tmp_path):
    folder = tmp_path / "organisations"
    write_organisation(folder, {**NORTH, "figures_secret_hash": figures.secret_hash(NORTH_SECRET)})
    write_organisation(folder, {**SOUTH, "figures_secret_hash": figures.secret_hash(SOUTH_SECRET)})
    return folder


def app_on(folder, **settings):
    app = make_app(ORGANISATIONS_DIR=str(folder), **{"RATELIMIT_ENABLED": False, **settings})
    with app.app_context():
        db.create_all()
    return app


@pytest.fixture
def app(folder):
    app = app_on(folder)
    with app.app_context():
        yield app
        db.session.remove()


@pytest.fixture
def client(app):
    return app.test_client()


def add(organisation, document, month, **events):
    db.session.execute(
        insert(usage.UsageCount),
        [
            {
                "organisation": organisation,
                "document": document,
                "month": month,
                "event": event,
                "count": number,
            }
            for event, number in events.items()
        ],
    )
    db.session.commit()


def tables(response):
    """Each month's table: its caption, its headings and its rows, as the page shows them."""
    found = []
    for table in page(response).xpath("//table"):
        found.append(
            {
                "caption": table.xpath("string(caption)").strip(),
                "headings": [
                    " ".join(th.text_content().split()) for th in table.xpath(".//thead//th")
                ],
                "rows": [
                    [" ".join(cell.text_content().split()) for cell in row.xpath("th|td")]
                    for row in table.xpath(".//tbody/tr")
                ],
            }
        )
    return found


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_a_wrong_or_missing_secret_is_a_page_that_does_not_exist(client):
    unknown = client.get("/no-such-page")
    for address in (
        "/o/north-advice/figures/guess",
        f"/o/north-advice/figures/{NORTH_SECRET}x",
        f"/o/north-advice/figures/{NORTH_SECRET.upper()}",
        f"/o/north-advice/figures/{SOUTH_SECRET}",  # another organisation's
        f"/o/north-advice/figures/{figures.secret_hash(NORTH_SECRET)}",  # its hash
        "/o/north-advice/figures/guess.csv",
        f"/o/north-advice/figures/{SOUTH_SECRET}.csv",
        "/o/north-advice/figures/",
        "/o/north-advice/figures",
    ):
        response = client.get(address)
        assert response.status_code == 404, address
        assert page(response).findtext(".//h1") == page(unknown).findtext(".//h1")


def test_an_organisation_without_a_secret_has_no_figures_page(tmp_path):
    folder = tmp_path / "organisations"
    write_organisation(folder, NORTH)
    client = app_on(folder).test_client()
    for secret in ("", "sha256:", figures.secret_hash(""), NORTH_SECRET):
        assert client.get(f"/o/north-advice/figures/{secret}").status_code == 404
        assert client.get(f"/o/north-advice/figures/{secret}.csv").status_code == 404


def test_the_page_shows_each_month_newest_first_with_small_counts_suppressed(client):
    add("north-advice", "concern-letter", "2026-11", started=12, finished=3, pdf=5, emailed=4)
    add("north-advice", "concern-letter", "2026-12", started=1)
    add("north-advice", "ehc-needs-assessment-request", "2026-12", started=7, downloaded=6)
    response = client.get(NORTH_FIGURES)
    assert response.status_code == 200
    headings = ["Letter", "Started", "Finished", "Word downloads", "PDF downloads", "Emails sent"]
    assert tables(response) == [
        {
            "caption": "December 2026",
            "headings": headings,
            "rows": [
                # In the organisation's order: the EHC needs assessment request comes first.
                ["Ask the council for an EHC needs assessment", "7", "0", "6", "0", "0"],
                ["Letter to school about your child's needs", "fewer than 5", "0", "0", "0", "0"],
            ],
        },
        {
            "caption": "November 2026",
            "headings": headings,
            "rows": [
                [
                    "Letter to school about your child's needs",
                    "12",
                    "fewer than 5",
                    "0",
                    "5",
                    "fewer than 5",
                ],
            ],
        },
    ]
    text = " ".join(page(response).text_content().split())
    assert "Total" not in text
    assert "Nothing personal is kept" in text


def test_the_csv_has_a_row_for_each_month_and_document_with_small_counts_suppressed(client):
    add("north-advice", "concern-letter", "2026-11", started=12, finished=3, pdf=5, emailed=4)
    add("north-advice", "concern-letter", "2026-12", started=1)
    # A document the organisation no longer offers, under a name a spreadsheet would run.
    add("north-advice", "=HYPERLINK(1)", "2026-12", started=9)
    response = client.get(f"{NORTH_FIGURES}.csv")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert 'filename="north-advice-figures.csv"' in response.headers["Content-Disposition"]
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    name = "North Vale Advice"
    concern = "Letter to school about your child's needs"
    assert csv_rows(response) == [
        ["Organisation", "Month", "Document", "Started", "Finished", "Word downloads",
         "PDF downloads", "Emails sent"],
        [name, "2026-12", concern, "fewer than 5", "0", "0", "0", "0"],
        [name, "2026-12", "'=HYPERLINK(1)", "9", "0", "0", "0", "0"],
        [name, "2026-11", concern, "12", "fewer than 5", "0", "5", "fewer than 5"],
    ]  # fmt: skip


def test_the_page_is_not_for_search_engines_and_wears_the_brand(client):
    response = client.get(NORTH_FIGURES)
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    doc = page(response)
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex, nofollow"]
    assert doc.xpath("string(//*[@class='app-org-header__name'])") == "North Vale Advice"
    assert "South Shore" not in response.get_data(as_text=True)
    assert doc.xpath("//a[@download]/@href") == [f"{NORTH_FIGURES}.csv"]
    assert "No figures yet" in doc.text_content()


def test_each_organisation_sees_only_its_own_figures(client):
    add("north-advice", "concern-letter", "2026-12", started=11)
    add("south-advice", "concern-letter", "2026-12", started=22)
    add("south-advice", "complaint", "2026-10", emailed=33)
    north, south = client.get(NORTH_FIGURES), client.get(SOUTH_FIGURES)
    assert [table["rows"] for table in tables(north)] == [
        [["Letter to school about your child's needs", "11", "0", "0", "0", "0"]]
    ]
    assert [table["caption"] for table in tables(south)] == ["December 2026", "October 2026"]
    assert "11" not in " ".join(" ".join(map(" ".join, t["rows"])) for t in tables(south))
    assert "South Shore" not in north.get_data(as_text=True)
    assert "North Vale" not in south.get_data(as_text=True)
    assert [row[0] for row in csv_rows(client.get(f"{SOUTH_FIGURES}.csv"))[1:]] == [
        "South Shore Family Support"
    ] * 2
    # One organisation's secret opens nothing of another's.
    assert client.get(f"/o/south-advice/figures/{NORTH_SECRET}").status_code == 404


def test_wrong_guesses_are_limited_and_right_ones_are_not_counted(folder):
    app = app_on(folder, RATELIMIT_ENABLED=True)
    guesser, other = app.test_client(), app.test_client()
    guesser.environ_base["REMOTE_ADDR"] = "198.51.100.1"
    other.environ_base["REMOTE_ADDR"] = "198.51.100.2"
    for _ in range(20):  # the right secret, as often as anyone likes
        assert guesser.get(NORTH_FIGURES).status_code == 200
    for number in range(10):
        assert guesser.get(f"/o/north-advice/figures/guess{number}").status_code == 404
    refused = guesser.get(NORTH_FIGURES)
    assert refused.status_code == 429
    assert int(refused.headers["Retry-After"]) > 0
    assert guesser.get(f"{SOUTH_FIGURES}.csv").status_code == 429
    assert other.get(NORTH_FIGURES).status_code == 200


def test_a_count_is_shown_as_it_is_from_five_and_zero_as_zero():
    assert [figures.shown(n) for n in (0, 1, 4, 5, 123)] == [
        0, "fewer than 5", "fewer than 5", 5, 123
    ]  # fmt: skip


# --- `flask orgs secret` ---------------------------------------------------------------------

EXAMPLE = """# Our organisation.
slug = "north-advice"   # the file's name
name = "North Vale Advice"
logo = "north-advice.svg"
website = "https://north-advice.example.org/"
email = "help@north-advice.example.org"
welcome = \"\"\"
North Vale Advice helps families.
slug = "not a setting: part of the welcome"
\"\"\"
documents = ["concern-letter"]

[helpline]
phone = "0808 157 0101"  # free
hours = "Weekdays, 10am to 3pm"
"""


def orgs_secret(app, slug):
    """`flask orgs secret SLUG`, which runs in the app's context as the flask command does."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=["orgs", "secret", slug])


def new_secret(app, slug="north-advice"):
    result = orgs_secret(app, slug)
    assert result.exit_code == 0, result.output
    (link,) = re.findall(rf"/o/{slug}/figures/\S+", result.output)
    assert "not stored" in result.output
    assert "Restart the service" in result.output
    return link.rsplit("/", 1)[1], result.output


def test_a_new_secret_is_written_as_one_line_after_the_slug(tmp_path):
    folder = tmp_path / "organisations"
    path = write_organisation(folder, NORTH)
    path.write_text(EXAMPLE, encoding="utf-8")
    secret, output = new_secret(app_on(folder))
    assert len(secret) >= 43  # 32 random bytes
    assert output.count(secret) == 1  # shown once
    lines = EXAMPLE.splitlines(keepends=True)
    hash_line = f'figures_secret_hash = "{figures.secret_hash(secret)}"\n'
    assert path.read_text(encoding="utf-8") == "".join([*lines[:2], hash_line, *lines[2:]])


def test_a_new_secret_replaces_the_old_line_only_and_works_after_a_restart(folder, tmp_path):
    path = folder / "north-advice.toml"
    text = path.read_text(encoding="utf-8").replace(
        "figures_secret_hash", "# Made by flask orgs secret.\nfigures_secret_hash", 1
    )
    old_line = f'figures_secret_hash = "{figures.secret_hash(NORTH_SECRET)}"'
    text = text.replace(old_line, f"{old_line}  # for the figures page")
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    running = app_on(folder)
    secret, _output = new_secret(running)

    new_line = f'figures_secret_hash = "{figures.secret_hash(secret)}"  # for the figures page'
    expected = text.replace(f"{old_line}  # for the figures page", new_line)
    assert path.read_bytes() == expected.replace("\n", "\r\n").encode("utf-8")
    assert (folder / "south-advice.toml").read_text(encoding="utf-8").count(
        figures.secret_hash(SOUTH_SECRET)
    ) == 1

    # Until the service restarts it still reads the old hash.
    client = running.test_client()
    assert client.get(NORTH_FIGURES).status_code == 200
    assert client.get(f"/o/north-advice/figures/{secret}").status_code == 404
    restarted = app_on(folder).test_client()
    assert restarted.get(f"/o/north-advice/figures/{secret}").status_code == 200
    assert restarted.get(f"/o/north-advice/figures/{secret}.csv").status_code == 200
    assert restarted.get(NORTH_FIGURES).status_code == 404
    assert restarted.get(SOUTH_FIGURES).status_code == 200


def test_a_secret_for_an_organisation_that_does_not_exist_changes_nothing(folder):
    before = {path.name: path.read_bytes() for path in folder.iterdir()}
    result = orgs_secret(app_on(folder), "east-advice")
    assert result.exit_code != 0
    assert "no organisation called 'east-advice'" in result.output
    assert "/figures/" not in result.output
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == before


def test_a_file_whose_lines_cannot_be_changed_safely_is_left_as_it_was(tmp_path):
    # A quoted key: the slug line is not one the command finds, so it says so and stops.
    quoted = EXAMPLE.replace('slug = "north-advice"', '"slug" = "north-advice"')
    with pytest.raises(figures.SecretLineError, match=r"no line 'slug = \.\.\.'"):
        figures.with_secret_hash(quoted.replace('slug = "not', 'note = "not'), "sha256:" + "0" * 64)
    # The only `slug =` line at the start of a line is inside the welcome: adding the hash
    # there would change the welcome, not add a setting.
    with pytest.raises(figures.SecretLineError, match="not one this command can change"):
        figures.with_secret_hash(quoted, "sha256:" + "0" * 64)
    folder = tmp_path / "organisations"
    path = write_organisation(folder, NORTH)
    path.write_text(quoted, encoding="utf-8")
    result = orgs_secret(app_on(folder), "north-advice")
    assert result.exit_code != 0
    assert "north-advice.toml was not changed" in result.output
    assert "/figures/" not in result.output
    assert path.read_text(encoding="utf-8") == quoted


def test_the_hash_the_command_writes_is_one_the_registry_reads(tmp_path):
    changed = figures.with_secret_hash(EXAMPLE, figures.secret_hash("a secret"))
    folder = tmp_path / "organisations"
    path = write_organisation(folder, NORTH)
    path.write_text(changed, encoding="utf-8")
    organisation = registry.load_file(path, ["concern-letter"])
    assert organisation.figures_secret_hash == figures.secret_hash("a secret")


def test_the_month_is_named_in_words(client, monkeypatch):
    late = datetime.datetime(2027, 1, 31, 23, 0, tzinfo=datetime.UTC)
    monkeypatch.setattr(dates, "_utc_now", lambda: late)
    usage.count("north-advice", "concern-letter", "emailed")
    assert [table["caption"] for table in tables(client.get(NORTH_FIGURES))] == ["January 2027"]
