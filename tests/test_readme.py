"""The README tells the truth: its links and pictures are there, its configuration table is the
code's settings with the code's defaults and ranges, and the commands it names exist."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from service.config import CONFIGS, ENVIRONMENT, RANGES, DevelopmentConfig, ProductionConfig

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
# Code blocks hold commands and URLs, not links: left out of what is read as markdown.
PROSE = re.sub(r"(?ms)^```.*?^```", "", README)
LINK = re.compile(r"(!?)\[([^\]]*)\]\(([^)\s]+)\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
LARGEST_IMAGE = 300 * 1024  # a README is read on phones too


def links():
    return [
        (bool(bang), " ".join(text.split()), target) for bang, text, target in LINK.findall(PROSE)
    ]


def anchor(heading):
    """The fragment GitHub gives a heading: lower case, punctuation dropped, spaces to '-'."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def configuration_rows():
    """Each row of the configuration table: the variables it names, its default, its words."""
    rows = []
    for line in PROSE.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 3:
            names = re.findall(r"`([A-Z_]+)`", cells[0])
            rows.append((names, cells[1], cells[2]))
    return rows


def as_written(value):
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_every_link_is_a_file_of_the_repository_or_a_heading_of_the_readme():
    headings = {anchor(line.lstrip("#")) for line in PROSE.splitlines() if line.startswith("#")}
    found = links()
    assert found, "the README has no links: the pattern that finds them is broken"
    for _, _, target in found:
        if target.startswith("#"):
            assert target[1:] in headings, f"{target} is no heading of the README"
        else:
            path = (ROOT / target).resolve()
            assert path.is_relative_to(ROOT), f"{target} is outside the repository"
            assert path.is_file(), f"{target} does not exist"


def test_every_picture_is_a_small_png_that_says_what_it_shows():
    pictures = [(text, target) for is_image, text, target in links() if is_image]
    assert {target for _, target in pictures} >= {
        "docs/images/start-page.png",
        "docs/images/concern-letter.png",
    }
    for text, target in pictures:
        assert len(text.split()) >= 8, f"{target} needs alt text that says what it shows"
        data = (ROOT / target).read_bytes()
        assert data.startswith(PNG_SIGNATURE), f"{target} is not a PNG"
        assert len(data) < LARGEST_IMAGE, f"{target} is {len(data):,} bytes"


def test_the_configuration_table_lists_every_setting_once():
    named = [name for names, _, _ in configuration_rows() for name in names]
    assert sorted(named) == sorted({*ENVIRONMENT, "SERVICE_ENV"})


def test_the_configuration_table_gives_the_codes_defaults():
    for names, default, _ in configuration_rows():
        written = re.findall(r"`([^`]*)`", default)
        for name in names:
            if name == "SERVICE_ENV":
                assert CONFIGS[written[0]] is ProductionConfig
                continue
            key = ENVIRONMENT[name][0]
            value = getattr(ProductionConfig, key, None)  # some have no default at all
            if not default.startswith("`") or value is None:
                # "none", or what the service finds when it starts (a folder, a program)
                assert value in {None, ""}, f"{name} has a default: {value!r}"
                continue
            assert written[0] == as_written(value), name
            if "in development" in default:
                assert written[1] == as_written(getattr(DevelopmentConfig, key)), name


def test_the_configuration_table_gives_the_ranges_the_service_checks():
    words = {name: text for names, _, text in configuration_rows() for name in names}
    for key, (smallest, largest, _) in RANGES.items():
        if largest is None:
            continue
        text = words[next(name for name, (each, _) in ENVIRONMENT.items() if each == key)]
        ranges = re.findall(r"(\d+)(?: \([^)]*\))? to (\d+)", text)
        assert (str(smallest), str(largest)) in ranges, f"{key}: {smallest} to {largest}"


def test_every_make_command_the_readme_names_exists():
    targets = set(re.findall(r"(?m)^([a-z-]+):", (ROOT / "Makefile").read_text()))
    named = set(re.findall(r"`make ([a-z-]+)", README))
    assert named >= {"run", "test", "help", "bench", "loadtest"}
    assert named <= targets


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
@pytest.mark.parametrize(
    ("arguments", "port", "readme_says"),
    [
        ([], "5000", "serves the service at http://127.0.0.1:5000"),
        (["PORT=8080"], "8080", "`make run PORT=8080` serves it on port 8080"),
    ],
)
def test_make_run_serves_on_the_port_the_readme_says(arguments, port, readme_says):
    assert readme_says in README
    # PORT or HOST in the shell, or passed down from a `make test PORT=...` that runs this,
    # would win over the Makefile's defaults.
    inherited = {"PORT", "HOST", "MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
    environ = {name: value for name, value in os.environ.items() if name not in inherited}
    planned = subprocess.run(
        ["make", "--dry-run", "run", *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f"flask --app wsgi run --host 127.0.0.1 --port {port}" in planned
