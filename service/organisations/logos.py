"""An organisation's logo: an SVG or PNG file, checked before it is ever served.

(First version: the type and size checks; the SVG allow-list follows.)
"""

from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 200 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class LogoError(ValueError):
    """Why a logo cannot be used, in words for the person who wrote the file."""


@dataclass(frozen=True)
class Logo:
    media_type: str  # image/svg+xml or image/png
    data: bytes
    file_name: str

    @property
    def extension(self):
        return "svg" if self.media_type == "image/svg+xml" else "png"


def read_logo(path):
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError:
        raise LogoError(f"the file {path.name} cannot be read") from None
    if len(data) > MAX_BYTES:
        raise LogoError(f"the file {path.name} is larger than {MAX_BYTES // 1024} KB")
    if data.startswith(PNG_SIGNATURE):
        return Logo("image/png", data, path.name)
    if b"<svg" in data[:2048]:
        return Logo("image/svg+xml", data, path.name)
    raise LogoError(f"the file {path.name} is not an SVG or PNG image")
