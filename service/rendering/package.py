"""Writing a .docx package (a zip file) fast.

A template's unchanged entries are taken once, as raw compressed bytes, from a zip built at
compile time; their local headers and central-directory records are written then too. Each
render only deflates the parts it rendered and stitches the archive together, so nothing
unchanged is ever decompressed or compressed again.

The archives are deterministic: every entry carries the same timestamp (1980-01-01 00:00,
the earliest a zip can hold), no extra fields and no data descriptors, so the same parts
always give the same bytes.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Deflate level of the parts rendered per request. Measured on a two-page letter
# (document.xml 14 KB): level 1 took 0.03 ms and gave 1,464 bytes, level 6 took 0.095 ms and
# gave 1,306 bytes, level 9 0.11-0.16 ms and 1,291 bytes. Level 6 would cost about a fifth of a
# whole render to save some 160 bytes of a package of about 30 KB, so level 1 it is. Parts
# compressed once at compile time use level 9.
RENDER_LEVEL = 1
COMPILE_LEVEL = 9

_LOCAL = struct.Struct("<IHHHHHIIIHH")  # local file header, 30 bytes, then the name
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")  # central directory record, 46 bytes, then name
_END = struct.Struct("<IHHHHIIH")  # end of central directory record, 22 bytes
_U32 = struct.Struct("<I")
_LOCAL_SIGNATURE = 0x04034B50
_CENTRAL_SIGNATURE = 0x02014B50
_END_SIGNATURE = 0x06054B50
_CENTRAL_HEAD = _CENTRAL.size - _U32.size  # a central record up to its local header offset

_DOS_TIME = 0
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_VERSION_MADE_BY = 20  # 2.0, MS-DOS attributes (external attributes stay 0)
_UTF8_NAME = 0x800
_LIMIT = 0xFFFFFFFF  # no zip64: a letter never comes near it
_MAX_ENTRIES = 0xFFFF


class PackageError(ValueError):
    """A zip the engine cannot reuse as it is (encrypted, zip64, unknown compression)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One zip entry held as its compressed bytes, ready to be written as they are."""

    name: str
    method: int
    crc: int
    size: int
    compressed: bytes

    @classmethod
    def deflated(cls, name: str, data: bytes, *, level: int = COMPILE_LEVEL) -> Entry:
        return cls(name, zipfile.ZIP_DEFLATED, zlib.crc32(data), len(data), _deflate(data, level))


def _deflate(data: bytes, level: int) -> bytes:
    return zlib.compress(data, level, -15)  # raw deflate stream, as zip stores it


def read_entries(data: bytes) -> list[Entry]:
    """Every entry of the zip in `data`, in archive order, with its raw compressed bytes.

    The central directory gives names, sizes and CRCs; each local header only tells where the
    compressed bytes start (its name and extra field lengths may differ from the central ones).
    """
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    entries = []
    for info in sorted(infos, key=lambda item: item.header_offset):
        if info.flag_bits & 0x1:
            raise PackageError(f"{info.filename}: encrypted entries are not supported")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise PackageError(f"{info.filename}: compression method {info.compress_type}")
        if max(info.compress_size, info.file_size, info.header_offset) >= _LIMIT:
            raise PackageError(f"{info.filename}: zip64 entries are not supported")
        fields = _LOCAL.unpack_from(data, info.header_offset)
        if fields[0] != _LOCAL_SIGNATURE:
            raise PackageError(f"{info.filename}: no local file header where it should be")
        start = info.header_offset + _LOCAL.size + fields[9] + fields[10]
        compressed = data[start : start + info.compress_size]
        if len(compressed) != info.compress_size:
            raise PackageError(f"{info.filename}: truncated entry")
        entries.append(
            Entry(info.filename, info.compress_type, info.CRC, info.file_size, compressed)
        )
    return entries


def _name_and_flags(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _records(
    name: bytes, flags: int, *, method: int, crc: int, size: int, csize: int
) -> tuple[bytes, bytes]:
    """The local header and the central record (without its trailing offset and name)."""
    if max(size, csize) >= _LIMIT:
        raise PackageError(f"{name!r}: entries of 4 GiB or more are not supported")
    needed = 20 if method == zipfile.ZIP_DEFLATED else 10
    local = _LOCAL.pack(
        _LOCAL_SIGNATURE,
        needed,
        flags,
        method,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        csize,
        size,
        len(name),
        0,
    )
    central = _CENTRAL.pack(
        _CENTRAL_SIGNATURE,
        _VERSION_MADE_BY,
        needed,
        flags,
        method,
        _DOS_TIME,
        _DOS_DATE,
        crc,
        csize,
        size,
        len(name),
        0,
        0,
        0,
        0,
        0,
        0,
    )[:_CENTRAL_HEAD]
    return local + name, central


@dataclass(frozen=True, slots=True)
class _FixedRun:
    """Consecutive unchanged entries: their local headers and data as one blob."""

    blob: bytes
    # (offset within the blob, central record head, name) for each entry in the run
    records: tuple[tuple[int, bytes, bytes], ...]


@dataclass(frozen=True, slots=True)
class _Slot:
    """A part rendered per call."""

    name: str
    encoded_name: bytes
    flags: int


class PackageLayout:
    """The order of a package's entries, with everything that does not change precomputed.

    `items` are `Entry` objects (written as they are) and part names (str), which `build`
    fills with the bytes it is given. Immutable once built, so it may be shared by threads.
    """

    __slots__ = ("_count", "_plan", "slots")

    def __init__(self, items: Iterable[Entry | str]):
        plan: list[_FixedRun | _Slot] = []
        blob: list[bytes] = []
        records: list[tuple[int, bytes, bytes]] = []
        position = 0
        names: list[str] = []

        def close_run():
            nonlocal position
            if blob:
                plan.append(_FixedRun(b"".join(blob), tuple(records)))
                blob.clear()
                records.clear()
                position = 0

        for item in items:
            if isinstance(item, str):
                close_run()
                encoded, flags = _name_and_flags(item)
                plan.append(_Slot(item, encoded, flags))
                names.append(item)
                continue
            encoded, flags = _name_and_flags(item.name)
            local, central = _records(
                encoded,
                flags,
                method=item.method,
                crc=item.crc,
                size=item.size,
                csize=len(item.compressed),
            )
            records.append((position, central, encoded))
            blob.extend((local, item.compressed))
            position += len(local) + len(item.compressed)
            names.append(item.name)
        close_run()
        if len(set(names)) != len(names):
            raise PackageError("a package cannot hold two entries with the same name")
        if len(names) > _MAX_ENTRIES:
            raise PackageError("too many entries for a zip without zip64")
        self._plan = tuple(plan)
        self._count = len(names)
        self.slots = frozenset(step.name for step in plan if isinstance(step, _Slot))

    def build(self, parts: Mapping[str, bytes], *, level: int = RENDER_LEVEL) -> bytes:
        """The whole archive, with `parts` (uncompressed bytes by name) in their slots."""
        if parts.keys() != self.slots:
            missing = sorted(self.slots - parts.keys())
            extra = sorted(parts.keys() - self.slots)
            raise PackageError(f"parts do not match the layout: missing {missing}, extra {extra}")
        chunks: list[bytes] = []
        central: list[bytes] = []
        offset = 0
        for step in self._plan:
            if isinstance(step, _FixedRun):
                chunks.append(step.blob)
                for relative, head, name in step.records:
                    central.extend((head, _U32.pack(offset + relative), name))
                offset += len(step.blob)
                continue
            data = parts[step.name]
            compressed = _deflate(data, level)
            local, head = _records(
                step.encoded_name,
                step.flags,
                method=zipfile.ZIP_DEFLATED,
                crc=zlib.crc32(data),
                size=len(data),
                csize=len(compressed),
            )
            chunks.extend((local, compressed))
            central.extend((head, _U32.pack(offset), step.encoded_name))
            offset += len(local) + len(compressed)
        directory = b"".join(central)
        if offset + len(directory) >= _LIMIT:
            raise PackageError("packages of 4 GiB or more are not supported")
        chunks.append(directory)
        chunks.append(
            _END.pack(_END_SIGNATURE, 0, 0, self._count, self._count, len(directory), offset, 0)
        )
        return b"".join(chunks)
