"""Warm LibreOffice: conversions reuse a running instance, tagged as before; an instance
that is killed, hangs or grows too large is replaced, and none is ever left running."""

import io
import os
import signal
import time
from pathlib import Path

import pypdf
import pytest

from service.answers import validate_answers
from service.delivery.pdf import PdfFailedError
from tests.settings import make_app

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def letter():
    """The concern letter's example, as Word, to convert."""
    app = make_app()
    document = app.extensions["catalogue"].get("concern-letter")
    with app.test_request_context():
        answers = validate_answers(document, document.example).answers
        return app.extensions["renderer"].render(document, document.build_context(answers))


@pytest.fixture
def warm(converters, soffice_path, uno_python):
    """A warm converter of one instance, so every conversion goes to the same one."""

    def make(**settings):
        return converters(soffice_path, python=uno_python, concurrency=1, **settings)

    return make


def office_process(converter):
    """The pid of the one instance's office process (soffice.bin)."""
    [instance] = converter.pool().instances()
    [pid] = [pid for pid in instance.office_pids() if _name(pid) == "soffice.bin"]
    return pid


def _name(pid):
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None


def timed(convert, data):
    started = time.monotonic()
    result = convert(data)
    return result, time.monotonic() - started


def test_a_warm_conversion_is_tagged_and_the_next_reuses_the_instance(warm, letter):
    converter = warm(memory_limit_mb=4000)
    first, first_time = timed(converter.convert, letter)
    pid = office_process(converter)
    second, second_time = timed(converter.convert, letter)
    assert office_process(converter) == pid  # under the memory limit, so kept
    assert 50 < converter.pool().instances()[0].memory_mb() < 4000
    # The first starts LibreOffice (seconds); the next only converts.
    assert second_time < first_time / 2, (first_time, second_time)
    for data in (first, second):
        reader = pypdf.PdfReader(io.BytesIO(data))
        root = reader.trailer["/Root"]
        assert "/StructTreeRoot" in root  # tagged for screen readers
        assert root.get("/Lang") == "en-GB"
        assert reader.metadata.title == "Letter to school about your child's needs"
        assert "Dear" in reader.pages[0].extract_text()
    assert converter.pool().warm


def test_a_killed_instance_is_replaced_and_the_conversion_still_works(warm, letter):
    converter = warm()
    converter.convert(letter)
    killed = office_process(converter)
    os.kill(killed, signal.SIGKILL)
    assert converter.convert(letter).startswith(b"%PDF")
    assert office_process(converter) != killed
    assert len(converter.pool().started_groups) == 2


def test_a_hung_instance_is_killed_within_the_timeout_and_replaced(warm, letter):
    converter = warm(timeout=3)
    converter.convert(letter)
    [hung] = converter.pool().instances()
    os.kill(office_process(converter), signal.SIGSTOP)
    started = time.monotonic()
    with pytest.raises(PdfFailedError, match="longer than 3 seconds"):
        converter.convert(letter)
    assert time.monotonic() - started < 5
    assert _gone(hung.pgid)  # its worker was killed, with its group
    assert converter.convert(letter).startswith(b"%PDF")
    assert converter.pool().instances()[0] is not hung


def test_an_instance_past_the_memory_limit_is_restarted_before_its_next_use(warm, letter):
    converter = warm(memory_limit_mb=1)  # LibreOffice takes 100 MB or more: always past it
    assert converter.convert(letter).startswith(b"%PDF")
    pool = converter.pool()
    [grown] = pool.started_groups
    assert not any(instance.pgid == grown for instance in pool.instances())
    assert _gone(grown)
    # Its replacement starts at once, in the background.
    deadline = time.monotonic() + 5
    while len(pool.started_groups) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(pool.started_groups) == 2


def _gone(group):
    return not Path(f"/proc/{group}").exists() or not _alive(group)


def test_a_libreoffice_that_will_not_start_fails_at_once(converters, uno_python, tmp_path):
    broken = tmp_path / "soffice"
    broken.write_text("#!/bin/sh\nexit 3\n")
    broken.chmod(0o755)
    converter = converters(str(broken), python=uno_python)
    started = time.monotonic()
    with pytest.raises(PdfFailedError, match="did not start: it stopped at start"):
        converter.convert(b"x")
    assert time.monotonic() - started < 10


def test_a_libreoffice_that_never_answers_is_given_up_and_killed(converters, uno_python, tmp_path):
    child = tmp_path / "child.pid"
    # Starts a child that would outlive it, as LibreOffice's launcher does.
    hanging = tmp_path / "soffice"
    hanging.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {child}\nsleep 300\n")
    hanging.chmod(0o755)
    converter = converters(str(hanging), python=uno_python, timeout=1, start_timeout=2)
    with pytest.raises(PdfFailedError, match="did not start within 2 seconds"):
        converter.convert(b"x")
    pid = int(child.read_text())
    for _ in range(50):
        if not _alive(pid):
            break
        time.sleep(0.1)
    assert not _alive(pid)


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_a_forked_process_leaves_its_parents_instances_alone(warm, letter):
    # gunicorn forks its workers: a child must not use, nor on leaving stop, the parent's.
    converter = warm()
    converter.convert(letter)
    pid = office_process(converter)
    child = os.fork()
    if child == 0:  # pragma: no cover (the child reports through its exit code)
        try:
            fresh = converter.pool().instances() == []
            converter.close()  # what leaving does
            os._exit(0 if fresh else 1)
        finally:
            os._exit(2)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert _alive(pid)
    assert converter.convert(letter).startswith(b"%PDF")
    assert office_process(converter) == pid
