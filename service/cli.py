"""`flask docs ...`: list document types, render one from a JSON answers file, or make one
for every row of a register."""

import json
import sys
from pathlib import Path

import click
from flask import current_app

from service.answers import validate_answers
from service.bulk.batch import BatchError, batch_from_file
from service.bulk.output import zip_chunks
from service.bulk.rows import STATUSES
from service.delivery.download import safe_filename
from service.documents import document_filename, render_document


@click.group("docs", help="List and render documents.")
def docs_cli():
    pass


@docs_cli.command("list", help="List every document type.")
def list_command():
    for document in current_app.extensions["catalogue"]:
        click.echo(f"{document.slug}\t{document.title}\t{', '.join(document.audience)}")


@docs_cli.command("render", help="Render SLUG from ANSWERS (a JSON file, or - for stdin).")
@click.argument("slug")
@click.argument("answers", type=click.File("r", encoding="utf-8"), required=False)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--blank", is_flag=True, help="The blank template with bracketed prompts.")
def render_command(slug, answers, output, blank):
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        raise click.BadParameter(f"no document called {slug!r} (see: flask docs list)")
    if blank:
        data = render_document(document, None, blank=True)
        name = document_filename(document, None, blank=True)
    else:
        if answers is None:
            raise click.UsageError("give an ANSWERS file (or --blank)")
        try:
            given = json.load(answers)
        except json.JSONDecodeError as error:
            raise click.BadParameter(f"the answers are not valid JSON: {error}") from error
        if not isinstance(given, dict):
            raise click.BadParameter("the answers must be a JSON object")
        validated = validate_answers(document, given)
        if validated.errors:
            for field, messages in validated.errors.items():
                for message in messages:
                    click.echo(f"{field}: {message}", err=True)
            sys.exit(1)
        data = render_document(document, validated.answers)
        name = document_filename(document, validated.answers)
    target = output or Path(safe_filename(name))
    target.write_bytes(data)
    click.echo(f"Wrote {target}")


@docs_cli.command(
    "bulk",
    help="Make SLUG for every row of FILE (a register: CSV or XLSX, "
    "headed by field names; or a ZIP of documents the service made) into a ZIP.",
)
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--status",
    default="K",
    show_default=True,
    help="SEN statuses of the pupils to include: K, E, N, several like K,E, or all.",
)
@click.option("--dry-run", is_flag=True, help="Check the file and make nothing.")
def bulk_command(slug, file, output, status, dry_run):  # fmt: skip
    document = current_app.extensions["catalogue"].get(slug)
    if document is None:
        raise click.BadParameter(f"no document called {slug!r} (see: flask docs list)")
    statuses = None if status == "all" else tuple(s.strip().upper() for s in status.split(","))
    if statuses and any(code not in STATUSES for code in statuses):
        raise click.BadParameter("give K, E, N, several like K,E, or all", param_hint="--status")
    try:
        batch = batch_from_file(document, file.read_bytes(), filename=file.name, statuses=statuses)
    except BatchError as refused:
        raise click.ClickException(refused.message) from refused
    for problem in batch.problems:
        click.echo(str(problem), err=True)
    for skipped in batch.skipped:
        click.echo(f"{skipped.source.where}: {skipped.reason}", err=True)
    counts = (
        f"{len(batch.ready)} can be made, {len(batch.refused)} have problems, "
        f"{len(batch.skipped)} left out"
    )
    if dry_run:
        click.echo(f"Checked {file.name}: {counts}")
        sys.exit(0 if batch.ready else 1)
    if not batch.ready:
        click.echo(f"Nothing made: {counts}", err=True)
        sys.exit(1)
    target = output or Path(safe_filename(f"{document.title}s", "zip"))
    with click.progressbar(length=len(batch.ready), label="Making documents",
                           file=sys.stderr) as bar, target.open("wb") as out:  # fmt: skip
        for chunk in zip_chunks(batch, progress=lambda _done, _total: bar.update(1)):
            out.write(chunk)
    click.echo(f"Wrote {target}: {counts}")


def init_app(app):
    app.cli.add_command(docs_cli)
