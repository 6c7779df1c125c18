"""A ZIP written as a stream of chunks, a file at a time, so a large one is never held whole
(a register's documents, an advice service's pack)."""

import zipfile

from service import dates

# Already compressed inside: stored as they are, they cost nothing to write.
_COMPRESSED = (".docx", ".xlsx", ".pdf", ".zip", ".png")


class Sink:
    """What zipfile writes to: bytes gathered until the stream takes them. zipfile writes to
    a stream it cannot seek with data descriptors, so nothing is written twice."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def take(self):
        data, self.chunks = b"".join(self.chunks), []
        return data


def add_file(archive, name, data):
    """Add `data` as `name`, dated today by the service's clock (which tests can set)."""
    day = dates.today()
    entry = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 0, 0, 0))
    stored = name.lower().endswith(_COMPRESSED)
    entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    archive.writestr(entry, data)
