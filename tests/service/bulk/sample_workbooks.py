"""Workbooks and zips made for the tests: ordinary ones through openpyxl, ones whose XML is
written by hand (to hold what openpyxl would not write), and hostile ones (bombs, entries that
lie about their size). No real pupils: every name is invented."""

import io
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

import openpyxl
from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def workbook(*sheets, hidden=()):
    """An XLSX made by openpyxl: one sheet per (title, rows), the titles in `hidden` hidden."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
        if title in hidden:
            sheet.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def shared_strings_workbook(rows, *, dimension=None):
    """An XLSX with every cell a shared string, as Excel writes text; `dimension` is the size
    the sheet declares (the true one unless given)."""
    strings, index, xml_rows = [], {}, []
    for number, row in enumerate(rows, 1):
        cells = []
        for column, value in enumerate(row, 1):
            if value not in index:
                index[value] = len(strings)
                strings.append(value)
            reference = f"{get_column_letter(column)}{number}"
            cells.append(f'<c r="{reference}" t="s"><v>{index[value]}</v></c>')
        xml_rows.append(f'<row r="{number}">{"".join(cells)}</row>')
    width = max((len(row) for row in rows), default=1)
    dimension = dimension or f"A1:{get_column_letter(width)}{max(len(rows), 1)}"
    shared = "".join(f'<si><t xml:space="preserve">{escape(text)}</t></si>' for text in strings)
    return handmade_workbook(
        f'<dimension ref="{dimension}"/><sheetData>{"".join(xml_rows)}</sheetData>',
        shared_strings=f'<sst xmlns="{MAIN}" count="{len(strings)}">{shared}</sst>',
    )


def handmade_workbook(sheet_body, *, shared_strings=None, prolog="", extra=()):
    """An XLSX of one sheet, "Register", whose XML (inside <worksheet>) is `sheet_body`, with
    `prolog` before the <worksheet> element and (name, bytes) `extra` parts added."""
    overrides = [
        ("/xl/workbook.xml", f"{SPREADSHEET}.sheet.main+xml"),
        ("/xl/worksheets/sheet1.xml", f"{SPREADSHEET}.worksheet+xml"),
    ]
    relationships = [("rId1", "worksheet", "worksheets/sheet1.xml")]
    parts = {}
    if shared_strings is not None:
        overrides.append(("/xl/sharedStrings.xml", f"{SPREADSHEET}.sharedStrings+xml"))
        relationships.append(("rId2", "sharedStrings", "sharedStrings.xml"))
        parts["xl/sharedStrings.xml"] = _xml(shared_strings)
    parts["[Content_Types].xml"] = _xml(
        f'<Types xmlns="{CONTENT_TYPES}">'
        '<Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in overrides)
        + "</Types>"
    )
    parts["_rels/.rels"] = _xml(
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}"><Relationship Id="rId1" '
        f'Type="{RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    parts["xl/workbook.xml"] = _xml(
        f'<workbook xmlns="{MAIN}" xmlns:r="{RELATIONSHIPS}"><sheets>'
        '<sheet name="Register" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    parts["xl/_rels/workbook.xml.rels"] = _xml(
        f'<Relationships xmlns="{PACKAGE_RELATIONSHIPS}">'
        + "".join(
            f'<Relationship Id="{i}" Type="{RELATIONSHIPS}/{kind}" Target="{target}"/>'
            for i, kind, target in relationships
        )
        + "</Relationships>"
    )
    parts["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + prolog.encode()
        + f'<worksheet xmlns="{MAIN}">{sheet_body}</worksheet>'.encode()
    )
    parts.update(extra)
    return zip_of(parts)


def zip_of(parts, compression=zipfile.ZIP_DEFLATED):
    """A zip of {name: bytes}, every size and checksum true."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def _xml(text):
    return b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + text.encode()


def deflated_zeros(megabytes):
    """A raw deflate stream of `megabytes` MiB of zero bytes, made in milliseconds: after a
    full flush every further MiB compresses to the same bytes, so one is repeated."""
    zeros = bytes(1024 * 1024)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    first = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
    return first + repeated * (megabytes - 1) + compressor.flush()


_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")


def raw_zip(entries):
    """A zip written byte by byte from (name, compressed bytes, method, declared size, crc,
    flags) entries, so that a size, checksum or flag can be made to lie."""
    local, central = b"", b""
    for name, compressed, method, size, crc, flags in entries:
        encoded = name.encode()
        offset = len(local)
        local += _LOCAL.pack(
            b"PK\x03\x04", 20, flags, method, 0, 0, crc, len(compressed), size, len(encoded), 0
        )
        local += encoded + compressed
        central += _CENTRAL.pack(
            b"PK\x01\x02", 20, 20, flags, method, 0, 0, crc, len(compressed), size,
            len(encoded), 0, 0, 0, 0, 0, offset,
        ) + encoded  # fmt: skip
    end = _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(local), 0)
    return local + central + end


def with_parts_of(data, replaced):
    """The zip `data` with the parts named in `replaced` swapped for (name, compressed bytes,
    method, declared size, crc, flags) entries; the others copied as they are."""
    entries = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            if info.filename in replaced:
                entries.append(replaced[info.filename])
            else:
                content = archive.read(info)
                compressed = zlib.compress(content, 6, -zlib.MAX_WBITS)
                entries.append(
                    (
                        info.filename,
                        compressed,
                        zipfile.ZIP_DEFLATED,
                        len(content),
                        zlib.crc32(content),
                        0,
                    )
                )
    return raw_zip(entries)
