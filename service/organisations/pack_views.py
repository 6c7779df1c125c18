"""An organisation's template pack: the page that explains it, the ZIP, and
`flask packs build ORG -o PACK.zip`.

The pack is made afresh on every request (packs.py), from the documents, questions and law as
they are now, and never stored. Making it renders every document, and converts each to PDF
where LibreOffice is available, so it counts against the limits on expensive work.
"""

from pathlib import Path

import click
from flask import Response, current_app, render_template, request, stream_with_context

from service import dates, limits
from service.delivery import pdf
from service.organisations import packs
from service.organisations.views import bp, documents_of


def _pack_kind():
    return "pdf" if _with_pdf() else "render"


def _with_pdf():
    """PDFs unless the address asks for Word files only, and only where they can be made."""
    return request.args.get("pdf") != "no" and pdf.converter().available


@bp.get("/pack")
def pack(org):
    return render_template(
        "organisations/pack.html",
        documents=documents_of(org),
        law_checked=dates.long_date(checked) if (checked := packs.law_checked()) else "",
        pdf_available=pdf.converter().available,
    )


@bp.get("/pack.zip")
@limits.expensive(_pack_kind, per_draft=False)
def pack_zip(org):
    chunks = packs.build_pack(org, pdf=_with_pdf())
    response = Response(stream_with_context(chunks), mimetype=packs.ZIP_MIMETYPE)
    response.headers.set("Content-Disposition", "attachment", filename=packs.pack_filename(org))
    response.headers["Cache-Control"] = "no-store"
    return response


@click.group("packs", help="Advice services' template packs.")
def packs_cli():
    pass


@packs_cli.command("build", help="Make the template pack of the organisation ORG (its slug).")
@click.argument("org")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="The ZIP to write."
)
@click.option("--no-pdf", is_flag=True, help="Word files only, without PDF copies.")
def build_command(org, output, no_pdf):
    organisations = current_app.extensions["organisations"]
    organisation = organisations.get(org)
    if organisation is None:
        known = ", ".join(organisations) or "none: add a file to ORGANISATIONS_DIR"
        raise click.BadParameter(f"no organisation called {org!r} (there are: {known})")
    target = output or Path(packs.pack_filename(organisation))
    with target.open("wb") as out:
        for chunk in packs.build_pack(organisation, pdf=not no_pdf):
            out.write(chunk)
    click.echo(f"Wrote {target}")


def init_app(app):
    app.extensions["law_register"] = packs.load_register(app)
    app.cli.add_command(packs_cli)
