"""Zip writing: unchanged entries reused as raw compressed bytes, rendered ones slotted in."""

import io
import zipfile

import docx
import pytest
from docx2python import docx2python

from service.rendering.package import Entry, PackageError, PackageLayout, read_entries

CONTENT = {
    "[Content_Types].xml": b"<Types/>" * 40,
    "_rels/.rels": b"<Relationships/>",
    "word/document.xml": b"<document>placeholder</document>",
    "word/styles.xml": b"<styles>" + b"<style/>" * 500 + b"</styles>",
    "word/media/image1.png": bytes(range(256)) * 4,
    "docProps/core.xml": b"<core/>",
}


class _Unseekable(io.RawIOBase):
    """A write-only stream: zipfile then writes data descriptors after each entry."""

    def __init__(self):
        self.buffer = bytearray()

    def writable(self):
        return True

    def write(self, data):
        self.buffer += data
        return len(data)


def _zip(*, stored=(), streamed=False):
    target = _Unseekable() if streamed else io.BytesIO()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in CONTENT.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return bytes(target.buffer) if streamed else target.getvalue()


def _read(data):
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        return archive.infolist(), {name: archive.read(name) for name in archive.namelist()}


@pytest.mark.parametrize("streamed", [False, True])
def test_entries_are_read_raw_and_written_back_unchanged(streamed):
    source = _zip(stored={"word/media/image1.png"}, streamed=streamed)
    entries = read_entries(source)
    assert [entry.name for entry in entries] == list(CONTENT)
    layout = PackageLayout(entries)
    assert layout.slots == frozenset()
    infos, content = _read(layout.build({}))
    assert content == CONTENT
    assert [info.filename for info in infos] == list(CONTENT)
    methods = {info.filename: info.compress_type for info in infos}
    assert methods["word/media/image1.png"] == zipfile.ZIP_STORED
    assert methods["word/styles.xml"] == zipfile.ZIP_DEFLATED
    assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in infos)
    assert not any(info.flag_bits & 0x8 for info in infos)


def test_slots_keep_their_place_in_the_order():
    entries = read_entries(_zip())
    items = [entry.name if entry.name == "word/document.xml" else entry for entry in entries]
    layout = PackageLayout(items)
    assert layout.slots == {"word/document.xml"}
    rendered = "<document>Zoë & 关于 🎉</document>".encode() * 100
    first = layout.build({"word/document.xml": rendered})
    infos, content = _read(first)
    assert [info.filename for info in infos] == list(CONTENT)
    assert content == {**CONTENT, "word/document.xml": rendered}
    assert layout.build({"word/document.xml": rendered}) == first
    shorter = layout.build({"word/document.xml": b"<d/>"})
    assert _read(shorter)[1]["word/styles.xml"] == CONTENT["word/styles.xml"]


def test_several_slots_between_fixed_runs():
    entries = read_entries(_zip())
    slots = {"_rels/.rels", "word/styles.xml", "docProps/core.xml"}
    layout = PackageLayout([entry.name if entry.name in slots else entry for entry in entries])
    parts = {name: f"<{name}>".encode() * 30 for name in slots}
    infos, content = _read(layout.build(parts))
    assert [info.filename for info in infos] == list(CONTENT)
    assert content == {**CONTENT, **parts}


def test_parts_must_match_the_slots():
    layout = PackageLayout(["a.xml", Entry.deflated("b.xml", b"<b/>")])
    with pytest.raises(PackageError, match="missing"):
        layout.build({})
    with pytest.raises(PackageError, match="extra"):
        layout.build({"a.xml": b"<a/>", "c.xml": b"<c/>"})


def test_duplicate_names_are_refused():
    with pytest.raises(PackageError, match="same name"):
        PackageLayout([Entry.deflated("a.xml", b"1"), "a.xml"])


def test_non_ascii_names_are_flagged_utf8():
    layout = PackageLayout([Entry.deflated("word/média.xml", b"<m/>"), "word/文档.xml"])
    infos, content = _read(layout.build({"word/文档.xml": b"<d/>"}))
    assert [info.filename for info in infos] == ["word/média.xml", "word/文档.xml"]
    assert all(info.flag_bits & 0x800 for info in infos)
    assert content["word/média.xml"] == b"<m/>"


def test_empty_and_tiny_parts():
    layout = PackageLayout(["empty.xml", Entry.deflated("one.xml", b"1")])
    _, content = _read(layout.build({"empty.xml": b""}))
    assert content == {"empty.xml": b"", "one.xml": b"1"}


def test_a_real_docx_round_trips_and_opens(tmp_path):
    document = docx.Document()
    document.add_paragraph("Hello from a reused package")
    path = tmp_path / "plain.docx"
    document.save(path)
    source = path.read_bytes()
    entries = read_entries(source)
    layout = PackageLayout(entries)
    data = layout.build({})
    infos, content = _read(data)
    assert infos[0].filename == "[Content_Types].xml"
    assert content == _read(source)[1]
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text == "Hello from a reused package"
    with docx2python(io.BytesIO(data)) as parsed:
        assert "Hello from a reused package" in parsed.text
