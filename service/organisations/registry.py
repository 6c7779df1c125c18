"""Advice services using this copy of the service, each described by one TOML file.

A file `<slug>.toml` in the organisations folder (ORGANISATIONS_DIR) gives the organisation's
name, logo, contacts, welcome, the documents it offers and, optionally, its home council and a
line for documents. Every file is read and checked when the service starts: a mistake stops
the service with a message naming the file and the field, so that no family ever meets a
broken page. Nothing here is changed while the service runs; `flask orgs secret` rewrites
one line of a file, read at the next start.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email

from service.config import ConfigurationError
from service.organisations import logos
from service.text import XML_INVALID

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?")
# sha256 of the secret in the figures link, as `flask orgs secret` writes it.
SECRET_HASH = re.compile(r"sha256:[0-9a-f]{64}")
# England and Wales charity numbers are 6 or 7 digits (a linked charity adds "-1"); Scotland's
# start "SC", Northern Ireland's "NIC" or "XN".
CHARITY_NUMBER = re.compile(r"(?:[0-9]{6,8}(?:-[0-9]{1,3})?|SC[0-9]{6}|NIC[0-9]{6}|XN[0-9]{5,6})")
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{6,22}[0-9]")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

# The longest each text may be: what fits a header, a footer line or a phone screen.
LIMITS = {
    "name": 80,
    "welcome": 800,
    "helpline.hours": 120,
    "document_line.text": 140,
    "council.name": 80,
    "council.team": 80,
    "council.address": 300,
}


class OrganisationFileError(ConfigurationError):
    """An organisation's file cannot be used: says which file, which field and why."""

    def __init__(self, path, field, message):
        self.path, self.field = Path(path), field
        where = f"{self.path.name}: {field}" if field else self.path.name
        super().__init__(f"Organisation file {where}: {message}")


@dataclass(frozen=True)
class Helpline:
    phone: str
    hours: str

    @property
    def tel(self):
        """The number for a tel: link: digits, with + for an international one."""
        return re.sub(r"[^0-9+]", "", self.phone)


@dataclass(frozen=True)
class Council:
    """The organisation's home local authority, as its letters to the council address it."""

    name: str
    address: str
    team: str = ""
    email: str = ""
    local_offer: str = ""

    def answers(self):
        """The answers it gives a document's council questions (field name -> answer)."""
        given = {"la_name": self.name, "la_address": self.address}
        if self.team:
            given["la_team"] = self.team
        return given


@dataclass(frozen=True)
class DocumentLine:
    """A line the organisation chose to have at the foot of some documents."""

    text: str
    documents: tuple[str, ...]


@dataclass(frozen=True)
class Organisation:
    slug: str
    name: str
    logo: logos.Logo
    website: str
    email: str
    helpline: Helpline
    welcome: tuple[str, ...]  # paragraphs
    documents: tuple[str, ...]  # the slugs it offers, in its order
    charity_number: str = ""
    council: Council | None = None
    document_line: DocumentLine | None = None
    figures_secret_hash: str = ""
    path: Path | None = None  # its file, for `flask orgs secret`

    def offers(self, slug):
        return slug in self.documents

    def line_for(self, slug):
        """The organisation's line for the document `slug`, or "" where it did not choose it."""
        line = self.document_line
        return line.text if line is not None and slug in line.documents else ""

    @property
    def contact_line(self):
        """Its details in one line, for a document's footer: name, helpline, email, website."""
        parts = [self.name, f"Helpline {self.helpline.phone}", self.email, in_words(self.website)]
        if self.charity_number:
            parts.append(f"Registered charity {self.charity_number}")
        return " · ".join(parts)


def in_words(url):
    """A web address as people read it: without https:// and a trailing slash."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")


_TOP = {
    "slug", "name", "logo", "website", "email", "charity_number", "welcome", "documents",
    "helpline", "council", "document_line", "figures_secret_hash",
}  # fmt: skip
_HELPLINE = {"phone", "hours"}
_COUNCIL = {"name", "team", "address", "email", "local_offer"}
_LINE = {"text", "documents"}


def load_folder(folder, offered):
    """Every organisation in `folder` (slug -> Organisation), each checked against the slugs
    of the documents this copy offers. A folder that does not exist holds none."""
    folder = Path(folder)
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.glob("*.toml")):
        organisation = load_file(path, offered)
        found[organisation.slug] = organisation
    return found


def load_file(path, offered):
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise OrganisationFileError(path, "", "is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise OrganisationFileError(path, "", f"is not valid TOML ({error})") from None
    return _Reader(path, data, offered).organisation()


class _Reader:
    """Reads one file's data, raising OrganisationFileError at the first field it cannot use."""

    def __init__(self, path, data, offered):
        self.path, self.data, self.offered = path, data, tuple(offered)

    def fail(self, field, message):
        raise OrganisationFileError(self.path, field, message)

    def organisation(self):
        data = self.data
        self.unknown(data, _TOP, "")
        slug = self.text(data, "slug", 40)
        if not SLUG.fullmatch(slug):
            self.fail(
                "slug", "use lower-case letters, digits and hyphens, such as 'north-sendiass'"
            )
        if slug != self.path.stem:
            self.fail("slug", f"must be the file's name without .toml ('{self.path.stem}')")
        documents = self.documents(data, "documents", self.offered)
        line = self.document_line(data.get("document_line"), documents)
        secret = self.text(data, "figures_secret_hash", 80, required=False)
        if secret and not SECRET_HASH.fullmatch(secret):
            self.fail("figures_secret_hash", "is not one 'flask orgs secret' wrote; run it again")
        charity = self.text(data, "charity_number", 20, required=False)
        if charity and not CHARITY_NUMBER.fullmatch(charity):
            self.fail("charity_number", "is not a charity number, such as 1123456 or SC012345")
        return Organisation(
            slug=slug,
            name=self.text(data, "name", LIMITS["name"]),
            logo=self.logo(data),
            website=self.url(data, "website"),
            email=self.email(data, "email"),
            helpline=self.helpline(data.get("helpline")),
            welcome=self.paragraphs(data, "welcome"),
            documents=documents,
            charity_number=charity,
            council=self.council(data.get("council")),
            document_line=line,
            figures_secret_hash=secret,
            path=self.path,
        )

    def unknown(self, table, allowed, prefix):
        for key in table:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                self.fail(prefix + key, f"is not a setting an organisation can have ({known})")

    def table(self, value, field, allowed):
        if not isinstance(value, dict):
            self.fail(field, f"must be a table: [{field}]")
        self.unknown(value, allowed, field + ".")
        return value

    def text(self, table, key, longest, *, required=True, field=None, lines=False):
        field = field or key
        value = table.get(key)
        if value is None:
            if required:
                self.fail(field, "is missing")
            return ""
        if not isinstance(value, str):
            self.fail(field, "must be text in quotes")
        value = value.replace("\r\n", "\n").strip()
        if required and not value:
            self.fail(field, "is empty")
        if XML_INVALID.search(value) or CONTROL.search(value.replace("\n", "")):
            self.fail(field, "holds a control character")
        if "\n" in value and not lines:
            self.fail(field, "must be one line")
        if len(value) > longest:
            self.fail(field, f"is {len(value)} characters long; it can be at most {longest}")
        return value

    def paragraphs(self, table, key):
        text = self.text(table, key, LIMITS[key], lines=True)
        return tuple(p.strip() for p in re.split(r"\n\s*\n", text) if p.strip())

    def url(self, table, key, *, field=None, required=True):
        field = field or key
        value = self.text(table, key, 300, field=field, required=required)
        if not value:
            return ""
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.netloc or any(c in value for c in " <>\"'"):
            self.fail(field, "must be a web address starting https://")
        return value

    def email(self, table, key, *, field=None, required=True):
        field = field or key
        value = self.text(table, key, 254, field=field, required=required)
        if not value:
            return ""
        try:
            validate_email(value, check_deliverability=False, allow_smtputf8=False)
        except EmailNotValidError:
            self.fail(field, "is not an email address, such as advice@example.org")
        return value

    def documents(self, table, key, offered, *, within=None):
        value = table.get(key)
        if value is None:
            self.fail(key, "is missing")
        if not isinstance(value, list) or not value:
            self.fail(key, 'must be a list of document names, such as ["concern-letter"]')
        for number, slug in enumerate(value):
            if slug not in offered:
                choices = ", ".join(offered)
                self.fail(f"{key}[{number}]", f"{slug!r} is not a document: use one of {choices}")
            if within is not None and slug not in within:
                self.fail(f"{key}[{number}]", f"{slug!r} is not in the organisation's documents")
        if len(set(value)) != len(value):
            self.fail(key, "names a document twice")
        return tuple(value)

    def logo(self, data):
        name = self.text(data, "logo", 100)
        if Path(name).name != name or name.startswith("."):
            self.fail("logo", "must be the name of a file beside this one, such as 'logo.svg'")
        try:
            return logos.read_logo(self.path.parent / name)
        except logos.LogoError as error:
            self.fail("logo", str(error))
        return None  # not reached: fail raises

    def helpline(self, value):
        table = self.table(value, "helpline", _HELPLINE) if value is not None else None
        if table is None:
            self.fail("helpline", "is missing: families are told how to reach you on every page")
        phone = self.text(table, "phone", 30, field="helpline.phone")
        if not PHONE.fullmatch(phone):
            self.fail("helpline.phone", "is not a phone number, such as 0808 157 0192")
        hours = self.text(table, "hours", LIMITS["helpline.hours"], field="helpline.hours")
        return Helpline(phone, hours)

    def council(self, value):
        if value is None:
            return None
        table = self.table(value, "council", _COUNCIL)
        return Council(
            name=self.text(table, "name", LIMITS["council.name"], field="council.name"),
            address=self.text(
                table, "address", LIMITS["council.address"], field="council.address", lines=True
            ),
            team=self.text(
                table, "team", LIMITS["council.team"], field="council.team", required=False
            ),
            email=self.email(table, "email", field="council.email", required=False),
            local_offer=self.url(table, "local_offer", field="council.local_offer", required=False),
        )

    def document_line(self, value, documents):
        if value is None:
            return None
        table = self.table(value, "document_line", _LINE)
        text = self.text(table, "text", LIMITS["document_line.text"], field="document_line.text")
        chosen = self.documents(
            {"document_line.documents": table.get("documents")},
            "document_line.documents",
            self.offered,
            within=documents,
        )
        return DocumentLine(text, chosen)
