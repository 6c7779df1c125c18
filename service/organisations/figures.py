"""An organisation's usage figures, behind a secret link: `/o/<org>/figures/<secret>` and the
same as CSV, and `flask orgs secret ORG`, which makes a new link.

The secret is in the link only: the organisation's file keeps its sha256 hash, so neither the
file nor this service can give the link out again. A wrong secret, or an organisation with
no link, is answered as a page that does not exist, and wrong guesses from one client are
limited. Counts from 1 to 4 are shown as "fewer than 5", and nothing is added up, so that no
small number can be worked back to a family.
"""

import datetime
import hashlib
import hmac
import math
import os
import re
import secrets
import tempfile
import time
import tomllib
from pathlib import Path

import click
from flask import abort, current_app, make_response, render_template, url_for
from limits import parse_many

from service import limits
from service.bulk.spreadsheet_out import csv_bytes
from service.organisations import usage
from service.organisations.views import bp

SUPPRESSED = "fewer than 5"
SMALLEST_SHOWN = 5
# Wrong secrets one client may try: ample for someone mistyping a link, nothing for guessing
# a secret of 256 random bits (the limit is a second lock, not the first).
WRONG_GUESSES = "10 per hour;30 per day"
# What each event is called on the page and in the CSV, in the order of usage.EVENTS.
HEADINGS = {
    "started": "Started",
    "finished": "Finished",
    "downloaded": "Word downloads",
    "pdf": "PDF downloads",
    "emailed": "Emails sent",
}
COLUMNS = ("started", "finished", "downloaded", "pdf", "emailed")
HASH_PREFIX = "sha256:"


def secret_hash(secret):
    """What the organisation's file keeps of a secret: "sha256:<hex>"."""
    return HASH_PREFIX + hashlib.sha256(secret.encode()).hexdigest()


def shown(number):
    """A count as the figures show it: a small one (1 to 4) as "fewer than 5"."""
    return SUPPRESSED if 0 < number < SMALLEST_SHOWN else number


# --- the pages ----------------------------------------------------------------------------


@bp.get("/figures/<secret>")
def figures(org, secret):
    _let_in(org, secret)
    months = [_month_table(org, month) for month in usage.months_of(org.slug)]
    page = render_template(
        "organisations/figures.html",
        months=months,
        headings=[HEADINGS[event] for event in COLUMNS],
        csv_url=url_for("organisations.figures_csv", secret=secret),
        suppressed=SUPPRESSED,
    )
    return _unindexed(make_response(page))


@bp.get("/figures/<secret>.csv")
def figures_csv(org, secret):
    _let_in(org, secret)
    rows = [["Organisation", "Month", "Document", *(HEADINGS[event] for event in COLUMNS)]]
    for month in usage.months_of(org.slug):
        table = _month_table(org, month)
        rows += [[org.name, month.month, title, *counts] for title, counts in table["rows"]]
    response = current_app.response_class(csv_bytes(rows), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{org.slug}-figures.csv"'
    return _unindexed(response)


def _unindexed(response):
    # The link is a secret: no search engine may keep the page, whoever follows it.
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _month_table(organisation, month):
    """{"month": "YYYY-MM", "name": "December 2026", "rows": [(title, [shown counts])]}: the
    organisation's documents in its order, then any it no longer offers."""
    catalogue = current_app.extensions["catalogue"]
    order = {slug: number for number, slug in enumerate(organisation.documents)}
    slugs = sorted(month.documents, key=lambda slug: (order.get(slug, len(order)), slug))
    rows = []
    for slug in slugs:
        document = catalogue.get(slug)
        title = document.title if document is not None else slug
        rows.append((title, [shown(month.documents[slug][event]) for event in COLUMNS]))
    year, number = (int(part) for part in month.month.split("-"))
    name = datetime.date(year, number, 1).strftime("%B %Y")
    return {"month": month.month, "name": name, "rows": rows}


def _let_in(organisation, secret):
    """Go on only with the organisation's secret: anything else is a 404, the same whether
    the organisation has a link or not, and counts as a wrong guess."""
    _refuse_after_too_many_guesses()
    stored = organisation.figures_secret_hash
    # Compared in full even when there is no hash, so the time taken says nothing either.
    if hmac.compare_digest(secret_hash(secret), stored or HASH_PREFIX) and stored:
        return
    _count_wrong_guess()
    abort(404)


def _guess_limits():
    config = current_app.config
    prefix = (config["RATELIMIT_KEY_PREFIX"],) if config.get("RATELIMIT_KEY_PREFIX") else ()
    whose = (*prefix, "figures-guess", limits.client_key())
    return [(limit, whose) for limit in parse_many(WRONG_GUESSES)]


def _refuse_after_too_many_guesses():
    limiter = current_app.extensions["rate_limiter"]
    if not limiter.enabled:
        return
    for limit, whose in _guess_limits():
        if not limiter.limiter.test(limit, *whose):
            resets_at = limiter.limiter.get_window_stats(limit, *whose).reset_time
            raise limits.LimitReached(retry_after=max(1, math.ceil(resets_at - time.time())))


def _count_wrong_guess():
    limiter = current_app.extensions["rate_limiter"]
    if limiter.enabled:
        for limit, whose in _guess_limits():
            limiter.limiter.hit(limit, *whose)


# --- `flask orgs secret` ------------------------------------------------------------------

# The file's own line for the hash, at the start of a line, with any comment after it. (A
# file may end its lines with CRLF: `$` is only ever before the LF.)
_HASH_LINE = re.compile(
    r"""^[ \t]*figures_secret_hash[ \t]*=[ \t]*(["'])[^"'\r\n]*\1"""
    r"""(?P<comment>[ \t]*#[^\r\n]*)?[ \t]*(?=\r?$)""",
    re.MULTILINE,
)
_SLUG_LINE = re.compile(r"^[ \t]*slug[ \t]*=[^\r\n]*(?=\r?$)", re.MULTILINE)


class SecretLineError(click.ClickException):
    """The file could not be changed by editing one line: it is left as it was."""


def with_secret_hash(text, new_hash):
    """The file's text with `figures_secret_hash = "<new_hash>"`: its line replaced (keeping a
    comment after it), or added after `slug = ...`. Nothing else changes, comments and all;
    the result is read back to make sure it says the same with only the hash changed."""
    line = f'figures_secret_hash = "{new_hash}"'
    found = _HASH_LINE.search(text)
    if found:
        changed = text[: found.start()] + line + (found["comment"] or "") + text[found.end() :]
    else:
        slug = _SLUG_LINE.search(text)
        if slug is None:
            raise SecretLineError("it has no line 'slug = ...' to put the new line after")
        newline = "\r\n" if "\r\n" in text else "\n"
        changed = text[: slug.end()] + newline + line + text[slug.end() :]
    if tomllib.loads(changed) != {**tomllib.loads(text), "figures_secret_hash": new_hash}:
        raise SecretLineError(
            "its 'figures_secret_hash' or 'slug' line is not one this command can change; "
            "put 'slug' and 'figures_secret_hash' each on a line of its own, before any [table]"
        )
    return changed


def write_secret_hash(path, new_hash):
    """Change the hash in the organisation's file, replacing the file in one step so that a
    service starting meanwhile reads the old file or the new one, never half of one."""
    path = Path(path)
    text = path.read_bytes().decode("utf-8")
    try:
        changed = with_secret_hash(text, new_hash)
    except SecretLineError as error:
        error.message = f"{path.name} was not changed: {error.message}"
        raise
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(changed.encode("utf-8"))
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


@click.group("orgs", help="Manage the advice services that use this copy of the service.")
def orgs_cli():
    pass


@orgs_cli.command(
    "secret",
    help="Make a new secret link to ORG's figures page, and keep its hash in ORG's file. "
    "The old link stops working when the service restarts.",
)
@click.argument("slug", metavar="ORG")
def secret_command(slug):
    organisation = current_app.extensions["organisations"].get(slug)
    if organisation is None:
        known = ", ".join(sorted(current_app.extensions["organisations"])) or "none"
        raise click.BadParameter(f"no organisation called {slug!r} (there are: {known})")
    secret = secrets.token_urlsafe(32)
    write_secret_hash(organisation.path, secret_hash(secret))
    link = f"/o/{organisation.slug}/figures/{secret}"
    click.echo(f"The new link to {organisation.name}'s figures (add the service's address):")
    click.echo(f"\n    {link}\n")
    click.echo(
        "Give it only to the organisation. It is shown once and not stored anywhere: if it "
        "is lost, make a new one.\n"
        f"Its hash is in {organisation.path.name}. Restart the service to read it: until "
        "then the old link works and this one does not."
    )


def init_app(app):
    app.cli.add_command(orgs_cli)
