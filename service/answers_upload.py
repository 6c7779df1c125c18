"""Reading the answers back out of a Word document the service made.

Every .docx the service makes carries the answers it was made from (rendering/answers_part.py).
`read_upload(stream)` reads an uploaded file (`answers_from_docx(data)` if its bytes are at
hand), finds that part and returns the document's slug and its answers, checked again by the
forms. Anything else is an `UploadError`: its `message` says what is wrong in words a person
can act on, its `errors` are the API's (under "file", or the forms' own by question) and its
`status` the HTTP status that fits (413 too large, 408 too slow to arrive, otherwise 422).

An upload is treated as hostile until proved otherwise:
- its size is checked before anything is read, and the number of files inside it before the
  zip's directory is read;
- only `customXml/item*.xml` entries are decompressed, in chunks, against one budget that the
  sizes a zip declares cannot raise (a zip bomb lies about them); an entry is read only until
  its root element shows whether it is ours; nothing else in the file is decompressed;
- our part is parsed by lxml with no entities resolved, no DTD loaded and no network, and a
  DOCTYPE refuses the file outright; its JSON is read strictly (strict_json);
- the whole read has a time limit (UPLOAD_SECONDS), checked between chunks.
Nothing is kept: the bytes are the caller's, and no answer is logged.
"""

import io
import math
import re
import struct
import time
import zipfile
import zlib

from flask import current_app
from lxml import etree

from service.answers import validate_answers
from service.rendering import answers_part
from service.strict_json import UnreadableJson, read_json

FILE = "file"  # the errors key for a problem with the file itself

EMPTY = "The selected file is empty"
TOO_LARGE = "The file is too large: it must be {size} or smaller"
TOO_SLOW = "The file took too long to arrive: try again"
TOO_SLOW_TO_READ = "The file took too long to read: choose the Word document this service made"
NOT_WORD = "The file is not a Word document: choose the .docx file this service made"
NOT_OURS = "The file is not a Word document made by this service"
TOO_MANY_ENTRIES = "The file has too many parts to be a Word document made by this service"
DAMAGED = "The file is damaged: download the document from this service again"
TOO_MUCH_DATA = "The answers in the file are too long to be from a document made by this service"
UNREADABLE = "The answers in the file could not be read"
UNKNOWN_VERSION = "The answers in the file are in a format this service cannot read"
UNKNOWN_DOCUMENT = "The file is for a document this service does not make"
INVALID = "The answers in the file cannot be used"

ITEM_NAME = re.compile(r"customxml/item[0-9]+\.xml", re.IGNORECASE)
CHUNK = 64 * 1024

# The end of central directory record: signature, disk numbers, entries on this disk and in
# all, the directory's size and offset, and the length of the comment that may follow it.
_END = struct.Struct("<4sHHHHIIH")
_END_SIGNATURE = b"PK\x05\x06"
_LONGEST_COMMENT = 0xFFFF
# A central directory record is 46 bytes and a name; Word's names are short. More directory
# than this per entry allowed is a directory that lies about how many entries it holds.
_DIRECTORY_BYTES_PER_ENTRY = 1024


class UploadError(Exception):
    """An upload that gives no answers. `errors` as the API gives them (question name, or
    "file" for the file itself, to a list of messages); `message`, one line for a web page;
    `status`, the HTTP status that fits.

    When the file is ours but the forms refuse its answers, `document` (the slug) and
    `answers` (as the file holds them, unchecked) are set too: a rule that depends on today
    (a date to send on "today or in the future") refuses a request made last month, and a web
    page may rather start a draft from them and let the person correct what is refused."""

    def __init__(self, errors, status=422, message=None, *, document=None, answers=None):
        self.errors = errors
        self.status = status
        self.message = message or next(iter(errors.values()))[0]
        self.document = document
        self.answers = answers
        super().__init__(self.message)

    @classmethod
    def file(cls, message, status=422):
        return cls({FILE: [message]}, status)

    @classmethod
    def invalid(cls, errors, document, answers):
        """Answers the forms refuse: a date no longer allowed, a rule made stricter since, or
        a file changed by hand."""
        first = next(iter(errors.values()))[0]
        message = f"{INVALID}: {first[:1].lower()}{first[1:]}"
        return cls(errors, message=message, document=document, answers=answers)


def upload_deadline():
    """When reading an upload that starts now must have finished (time.monotonic)."""
    return time.monotonic() + current_app.config["UPLOAD_SECONDS"]


def read_upload(stream, *, deadline=None):
    """(document slug, answers) from an uploaded .docx, read from the file-like `stream` (a
    request body, or a form's uploaded file) in chunks: refused as too large as soon as it
    passes UPLOAD_MAX_BYTES, whatever its Content-Length said, and as too slow once the
    deadline (UPLOAD_SECONDS from now unless given) passes. Raises `UploadError`."""
    deadline = upload_deadline() if deadline is None else deadline
    return answers_from_docx(_read(stream, deadline), deadline=deadline)


def _read(stream, deadline):
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    chunks, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise too_large()
        if time.monotonic() > deadline:
            raise UploadError.file(TOO_SLOW, 408)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large():
    return UploadError.file(
        TOO_LARGE.format(size=_size(current_app.config["UPLOAD_MAX_BYTES"])), 413
    )


def answers_from_docx(data, *, deadline=None):
    """(document slug, answers) from the bytes of a .docx this service made; the answers are
    the document's, checked by its forms as the API checks answers sent to it. Raises
    `UploadError`. Uses the app's catalogue and its UPLOAD_* settings."""
    config = current_app.config
    if not data:
        raise UploadError.file(EMPTY)
    if len(data) > config["UPLOAD_MAX_BYTES"]:
        raise too_large()
    reader = _PartReader(
        budget=config["UPLOAD_ANSWERS_MAX_BYTES"],
        deadline=upload_deadline() if deadline is None else deadline,
    )
    root = reader.find(data, max_entries=config["UPLOAD_MAX_ENTRIES"])
    slug, answers = _answers(root)
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        raise UploadError.file(UNKNOWN_DOCUMENT)
    validated = validate_answers(document, answers)
    if validated.errors:
        raise UploadError.invalid(validated.errors, slug, answers)
    return slug, validated.answers


def _answers(root):
    """(slug, answers object) from our part's root element."""
    if root.get(answers_part.VERSION_ATTRIBUTE) != answers_part.VERSION:
        raise UploadError.file(UNKNOWN_VERSION)
    slug = root.get(answers_part.DOCUMENT_ATTRIBUTE)
    if not slug or len(root):  # a child (element, comment) would cut the JSON in two
        raise UploadError.file(UNREADABLE)
    try:
        answers = read_json((root.text or "").encode("utf-8"))
    except UnreadableJson:
        raise UploadError.file(UNREADABLE) from None
    if not isinstance(answers, dict):
        raise UploadError.file(UNREADABLE)
    return slug, answers


class _PartReader:
    """Finds our part among a zip's custom XML items, within a budget of bytes decompressed
    and a deadline."""

    def __init__(self, *, budget, deadline):
        self.budget = budget
        self.deadline = deadline

    def find(self, data, *, max_entries):
        check_entry_count(data, max_entries)
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                infos = archive.infolist()
                if len(infos) > max_entries:
                    raise UploadError.file(TOO_MANY_ENTRIES)
                found = [
                    root
                    for info in infos
                    if ITEM_NAME.fullmatch(info.filename)
                    and (root := self._ours(archive, info)) is not None
                ]
        except UploadError:
            raise
        # What zipfile raises on a damaged archive: a bad CRC or header, a truncated entry, an
        # offset past the end, a header field it cannot unpack.
        except (
            zipfile.BadZipFile,
            zipfile.LargeZipFile,
            EOFError,
            zlib.error,
            OSError,
            ValueError,
            struct.error,
            NotImplementedError,
            RuntimeError,
        ):
            raise UploadError.file(DAMAGED) from None
        if not found:
            raise UploadError.file(NOT_OURS)
        if len(found) > 1:  # which would be the document's answers?
            raise UploadError.file(UNREADABLE)
        return found[0]

    def _ours(self, archive, info):
        """Our part's root element if `info` is our part, else None."""
        if info.flag_bits & 0x1 or info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
        ):
            raise UploadError.file(DAMAGED)  # Word writes neither encryption nor others
        parser = etree.XMLPullParser(
            events=("start",),
            resolve_entities=False,
            load_dtd=False,
            no_network=True,
            huge_tree=False,
        )
        root = None
        with archive.open(info) as stream:
            while chunk := stream.read(CHUNK):
                self._spend(len(chunk))
                try:
                    parser.feed(chunk)
                    broken = False
                except etree.XMLSyntaxError:
                    broken = True
                if root is None:
                    root = next((element for _, element in parser.read_events()), None)
                    if root is None and broken:
                        return None  # not XML: not our part, and nothing more to read of it
                    if root is not None and not _our_root(root):
                        return None  # someone else's part: read no further
                if broken:
                    raise UploadError.file(UNREADABLE)
        try:
            root = parser.close()
        except etree.XMLSyntaxError:
            if root is None:
                return None
            raise UploadError.file(UNREADABLE) from None
        return root if _our_root(root) else None

    def _spend(self, size):
        self.budget -= size
        if self.budget < 0:
            raise UploadError.file(TOO_MUCH_DATA)
        if time.monotonic() > self.deadline:
            raise UploadError.file(TOO_SLOW_TO_READ)


def _our_root(root):
    """True if `root` is our part's root element; refuses our part if it has a DOCTYPE (read
    before the root element is: no entity, internal or external, has a place in our part)."""
    if root.tag != answers_part.ROOT_TAG:
        return False
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None or docinfo.externalDTD is not None:
        raise UploadError.file(UNREADABLE)
    return True


def check_entry_count(data, max_entries):
    """Refuse a zip with too many entries from its end record, before zipfile reads its
    whole directory (a few megabytes of directory is a hundred thousand entries)."""
    tail_start = max(0, len(data) - _END.size - _LONGEST_COMMENT)
    end = data.rfind(_END_SIGNATURE, tail_start)
    if end < 0 or end + _END.size > len(data):
        raise UploadError.file(NOT_WORD)
    _, _, _, _, entries, directory_size, _, _ = _END.unpack_from(data, end)
    if entries > max_entries or directory_size > max_entries * _DIRECTORY_BYTES_PER_ENTRY:
        raise UploadError.file(TOO_MANY_ENTRIES)


def _size(limit):
    """A size limit as people read it, never more than it is: '5 MB', '1.5 MB', '512 KB'."""
    if limit >= 1024 * 1024:
        return f"{math.floor(limit * 10 / (1024 * 1024)) / 10:g} MB"
    return f"{limit // 1024} KB"
