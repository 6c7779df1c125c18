"""Word documents, real and hostile, for the tests that read answers back out of one.

Zips are written by the engine's own zip writer (service/rendering/package.py), which takes
entries as given: so a test can make one whose header says what it likes about its sizes.
"""

import io
import json
import random
import time
import zipfile
import zlib

import docx

from service.answers import validate_answers
from service.documents import render_document
from service.openapi import answers_schema
from service.rendering import answers_part
from service.rendering.package import Entry, PackageLayout, read_entries
from tests.forms.test_documents import text_fields

ITEM = "customXml/item1.xml"
_MEGABYTE = 1024 * 1024


def made_document(app, slug, answers=None):
    """(the .docx the service makes of `answers`, the example's by default, and the answers
    as validated), as the API makes it. Needs a request context."""
    document = app.extensions["catalogue"].get(slug)
    validated = validate_answers(document, document.example if answers is None else answers)
    assert validated.errors == {}, validated.errors
    return render_document(document, validated.answers), validated.answers


def zip_of(entries):
    """A zip of (name, bytes) pairs, deflated, in order; a name may come twice."""
    return PackageLayout([Entry.deflated(name, data) for name, data in entries]).build({})


def zip_with(entries):
    """A zip of Entry objects written as they are, whatever they say of themselves."""
    return PackageLayout(entries).build({})


def replaced(data, changes):
    """The zip in `data` with some entries replaced or added (name -> bytes), or removed
    (name -> None); the others are copied as they are, compressed bytes and all."""
    kept = [entry for entry in read_entries(data) if entry.name not in changes]
    added = [Entry.deflated(name, body) for name, body in changes.items() if body is not None]
    return zip_with(kept + added)


def part(slug="concern-letter", answers=None, *, text=None, namespace=None, version="1"):
    """Our part as the service writes it, or with its namespace, version or text changed."""
    if text is None:
        text = json.dumps({} if answers is None else answers)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<answers xmlns="'
        f'{namespace or answers_part.NAMESPACE}" document="{slug}" version="{version}">'
        f"{text}</answers>"
    ).encode()


def other_programs_docx():
    """A Word document made by python-docx, not by this service."""
    document = docx.Document()
    document.add_paragraph("Dear Sir or Madam, I am writing about my son's support at school.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def renamed_zip():
    """A zip of photos and notes, renamed to .docx."""
    return zip_of([("notes.txt", b"Ask about the reading group."), ("photo.jpg", b"\xff\xd8")])


def zeros_bomb(name, head, inflated_megabytes, tail=b"", *, declared_size=None):
    """An entry whose `head`, then `inflated_megabytes` of the digit 0, then `tail` deflate to
    about a thousandth of their size. Built from one compressed megabyte repeated, so the test
    never holds (or compresses) the whole inflated stream; a full flush ends each block, so
    the blocks can follow one another. The header declares the real size and CRC unless told
    to lie (`declared_size`)."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    megabyte = b"0" * _MEGABYTE
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(megabyte) + compressor.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(inflated_megabytes):
        crc = zlib.crc32(megabyte, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + inflated_megabytes * _MEGABYTE + len(tail)
    compressed = start + block * inflated_megabytes + end
    declared = size if declared_size is None else declared_size
    return Entry(name, zipfile.ZIP_DEFLATED, crc, declared, compressed)


def with_end_record_count(data, count):
    """The zip in `data` with its end record claiming `count` entries."""
    end = data.rindex(b"PK\x05\x06")
    record = bytearray(data[end:])
    record[8:10] = count.to_bytes(2, "little")
    record[10:12] = count.to_bytes(2, "little")
    return data[:end] + bytes(record)


def billion_laughs(slug="concern-letter"):
    """Our part with entities that would expand to gigabytes."""
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE answers [{"".join(entities)}]>\n'
        f'<answers xmlns="{answers_part.NAMESPACE}" document="{slug}" version="1">'
        '{"child_name": "&lol9;"}</answers>'
    ).encode()


def external_entity(system_id, slug="concern-letter"):
    """Our part whose JSON would take in the file `system_id` names, were entities resolved."""
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE answers [<!ENTITY secret SYSTEM "{system_id}">]>\n'
        f'<answers xmlns="{answers_part.NAMESPACE}" document="{slug}" version="1">'
        '{"child_name": "&secret;"}</answers>'
    ).encode()


def same(left, right):
    """Equal, types and order included (True == 1 and 1 == 1.0 in Python, not in JSON)."""
    return json.dumps(left) == json.dumps(right)


def longest_answers(document):
    """The example answers with every free text at its longest and every list full. The text
    is characters of CJK Extension B at random, 4 bytes each in UTF-8, which barely
    compresses: the file is as large as answers can make it."""
    chosen = random.Random(12)  # noqa: S311 (test data, not a secret)

    def text(length):
        return "".join(chr(0x20000 + chosen.randrange(42000)) for _ in range(length))

    answers = dict(document.example)
    filled = set()
    for name, sub, max_length in text_fields(document):
        count = _max_entries(document, name) if sub != "" else 0
        if sub == "":
            answers[name] = text(max_length)
        elif sub is None:
            answers[name] = [text(max_length) for _ in range(count)]
        else:
            if name not in filled:  # every entry like the example's first, then each text
                answers[name] = [dict(answers[name][0]) for _ in range(count)]
                filled.add(name)
            for entry in answers[name]:
                entry[sub] = text(max_length)
    return answers


def _max_entries(document, name):
    return answers_schema(document)["properties"][name]["maxItems"]


class Trickle(io.RawIOBase):
    """An upload arriving a little at a time."""

    def __init__(self, data, *, size=1024, pause=0.0, forever=False):
        self.data, self.size, self.pause, self.forever = data, size, pause, forever
        self.sent = 0

    def readable(self):
        return True

    def seekable(self):
        return True

    def seek(self, offset, whence=io.SEEK_SET):
        """As a test client does, to measure the upload before sending it."""
        start = {io.SEEK_SET: 0, io.SEEK_CUR: self.sent, io.SEEK_END: len(self.data)}[whence]
        self.sent = start + offset
        return self.sent

    def readinto(self, buffer):
        time.sleep(self.pause)
        size = min(self.size, len(buffer))
        chunk = b"0" * size if self.forever else self.data[self.sent : self.sent + size]
        buffer[: len(chunk)] = chunk
        self.sent += len(chunk)
        return len(chunk)
