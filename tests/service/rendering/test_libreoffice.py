"""LibreOffice opens the engine's output and reads the same text as in plain docxtpl's."""

import subprocess

import pytest

from bench.rendering import plain_docxtpl_render
from service.rendering import CompiledTemplate
from tests.service.rendering import builders

CONTEXT = {
    "sender": "Anna Kowalska & Sons",
    "address": "1 <High> Street, Łódź",
    "recipient": 'Mr "Head" O\'Brien',
    "child": "关于 Zoë 🎉",
    "first_name": "{{ 7*7 }}",
    "items": ["Reading & writing", "</w:t><w:t>", "یہ اردو ہے"],
    "flag": True,
    "rows": [{"date": "1 Sep", "what": "Meeting <held>", "outcome": "tab\there"}],
    "note": "line one\nline two",
    "reference": "ABC/123",
    "long_text": "word " * 1000,
}


@pytest.mark.libreoffice
def test_libreoffice_reads_the_same_text(tmp_path, soffice_path):
    template = builders.build_letter(tmp_path / "letter.docx")
    engine = tmp_path / "engine.docx"
    plain = tmp_path / "plain.docx"
    engine.write_bytes(CompiledTemplate.from_path(template, title="Letter").render(CONTEXT))
    plain.write_bytes(plain_docxtpl_render(template, CONTEXT))
    subprocess.run(
        [
            soffice_path,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path / "out"),
            str(engine),
            str(plain),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = (tmp_path / "out" / "engine.txt").read_text(encoding="utf-8-sig")
    assert text == (tmp_path / "out" / "plain.txt").read_text(encoding="utf-8-sig")
    for value in ("Anna Kowalska & Sons", "1 <High> Street, Łódź", "{{ 7*7 }}", "</w:t><w:t>"):
        assert value in text
    assert "49" not in text
