"""Fixtures for PDF tests: a Python that can drive LibreOffice through UNO, and converters
that are stopped after each test, with a check that none of their processes or files is
left."""

import os
import subprocess
import time
from pathlib import Path

import pytest

from service.delivery.office import find_uno_python
from service.delivery.pdf import PdfConverter

IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def uno_python(soffice_path):
    """Warm LibreOffice needs python3-uno: locally its absence skips, under CI it fails."""
    python = find_uno_python(soffice_path, os.environ.get("LIBREOFFICE_PYTHON"))
    if python is None:
        message = "no Python here can import uno (install python3-uno)"
        if IN_CI:
            pytest.fail(f"{message}; CI must install it (see .ci/run)")
        pytest.skip(message)
    return python


def soffice_processes():
    """Every process whose command line names soffice, as `pgrep -f soffice` lists them."""
    found = subprocess.run(["pgrep", "-f", "soffice"], capture_output=True, text=True, check=False)
    return {int(pid) for pid in found.stdout.split()}


def process_group(pid):
    """The process group of a live process; None for one that is gone or a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return None if fields[0] == "Z" else int(fields[2])


@pytest.fixture
def converters():
    """Makes converters; stops them all after the test and checks that every LibreOffice
    they started has gone (other programs on the machine may run their own meanwhile)."""
    made = []
    before = soffice_processes()

    def make(program, **settings):
        converter = PdfConverter(program, **settings)
        made.append(converter)
        return converter

    yield make
    started = [instance for converter in made for instance in converter.pool().started]
    for converter in made:
        converter.close()
    groups = {instance.pgid for instance in started}
    assert not left_running(before, groups), "LibreOffice processes were left running"
    # Their folders held the documents and LibreOffice's profiles: nothing may be kept.
    assert not [instance.folder for instance in started if instance.folder.exists()]


def left_running(before, groups, wait=5):
    """Processes named soffice, not there before, still alive in one of `groups` (a killed
    process takes a moment to die)."""
    deadline = time.monotonic() + wait
    while True:
        left = [pid for pid in soffice_processes() - before if process_group(pid) in groups]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)
