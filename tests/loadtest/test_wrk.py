"""Reading wrk: its version, and the report scenario.lua writes (recorded from real runs)."""

import os
import stat
from pathlib import Path

import pytest

from loadtest import wrk

HERE = Path(__file__).parent


def test_a_letter_run_is_read_as_wrk_printed_it():
    result = wrk.parse_report((HERE / "wrk_letter.txt").read_text())

    assert result.requests == 1764
    assert result.seconds == pytest.approx(10.070095)
    assert result.per_second == pytest.approx(175.17, abs=0.01)  # wrk's own "Requests/sec"
    assert result.statuses == {200: 1764}
    assert result.errors == 0
    assert result.latency_ms["p50"] == pytest.approx(175.724)
    assert result.latency_ms["p99"] == pytest.approx(310.859)
    assert result.latency_ms["max"] == pytest.approx(372.249)  # wrk's "Max 372.25ms"


def test_answers_that_are_not_2xx_are_errors():
    result = wrk.parse_report((HERE / "wrk_not_found.txt").read_text())

    assert result.statuses == {404: 373}
    assert result.non_2xx == 373
    assert result.errors == 373


def test_socket_errors_and_redirects_are_errors_too():
    line = (
        'LOADTEST {"requests":10,"duration_us":1000000,"bytes":100,'
        '"errors":{"connect":1,"read":2,"write":3,"status":0,"timeout":4},'
        '"statuses":{"200":7,"302":3},'
        '"latency_us":{"min":1000,"mean":2000.0,"max":3000,"p50":2000,"p90":2500,"p99":2900}}'
    )
    result = wrk.parse_report(f"Running 1s test\n{line}\n")

    assert result.socket_errors == 10
    assert result.non_2xx == 3  # wrk itself counts only 4xx and 5xx
    assert result.errors == 13


def test_a_run_with_no_response_has_no_latency():
    line = (
        'LOADTEST {"requests":0,"duration_us":1000000,"bytes":0,'
        '"errors":{"connect":0,"read":0,"write":0,"status":0,"timeout":5},"statuses":{},'
        '"latency_us":{"min":18446744073709551615,"mean":0.0,"max":0,"p50":0,"p90":0,"p99":0}}'
    )
    result = wrk.parse_report(line)

    assert result.latency_ms["min"] == 0.0
    assert result.errors == 5


def test_output_without_the_scripts_report_is_refused():
    with pytest.raises(wrk.WrkError, match="no LOADTEST line"):
        wrk.parse_report("Running 10s test @ http://127.0.0.1:8000/\nRequests/sec: 10.0\n")


@pytest.mark.parametrize(
    ("shown", "version"),
    [
        ("wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer\nUsage: ...", (4, 1, 0)),
        ("wrk 4.2.0 [epoll] Copyright (C) 2012 Will Glozer", (4, 2, 0)),
        ("wrk: command not understood", None),
    ],
)
def test_the_version_is_read_from_what_wrk_v_prints(shown, version):
    assert wrk.parse_version(shown) == version


def fake_wrk(folder, banner):
    """A program called wrk that prints `banner` as `wrk -v` does (and exits with 1)."""
    program = folder / "wrk"
    program.write_text(f"#!/bin/sh\necho '{banner}'\nexit 1\n")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    return program


def test_another_version_of_wrk_is_refused_with_how_to_install(tmp_path, monkeypatch):
    fake_wrk(tmp_path, "wrk 3.1.2 [epoll] Copyright (C) 2012 Will Glozer")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")

    with pytest.raises(wrk.WrkError, match=r"wrk 4\.1 is needed.*3\.1\.2.*apt-get install wrk"):
        wrk.find_wrk()


def test_wrk_4_1_is_taken(tmp_path, monkeypatch):
    program = fake_wrk(tmp_path, "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer")
    monkeypatch.setenv("PATH", f"{tmp_path}{os.pathsep}/usr/bin:/bin")

    assert wrk.find_wrk() == str(program)


def test_a_missing_wrk_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))

    with pytest.raises(wrk.WrkError, match=r"not installed.*apt-get install wrk"):
        wrk.find_wrk()


def test_a_post_sends_its_body_file_to_the_script(tmp_path):
    body = tmp_path / "answers.json"
    argv = wrk.command(
        "wrk", "http://127.0.0.1:1/x", seconds=5, connections=32, method="POST", body_file=body
    )

    assert argv[-4:] == ["--", "POST", str(body), "application/json"]
    assert "--connections=32" in argv
    assert "--duration=5s" in argv
    assert f"--script={wrk.SCRIPT}" in argv
    assert wrk.SCRIPT.exists()


def test_fewer_threads_than_connections_are_never_asked_for():
    argv = wrk.command("wrk", "http://127.0.0.1:1/", seconds=1, connections=1)

    assert "--threads=1" in argv
    assert argv[-2:] == ["--", "GET"]


def test_headers_are_sent_with_every_request():
    argv = wrk.command(
        "wrk", "http://127.0.0.1:1/", seconds=1, connections=8, headers={"Cookie": "s=abc; t=1"}
    )

    assert "--header=Cookie: s=abc; t=1" in argv
    assert argv.index("--header=Cookie: s=abc; t=1") < argv.index("--")
