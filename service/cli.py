"""`flask docs ...`: list document types and render one from a JSON answers file."""

import json
import sys
from pathlib import Path

import click
from flask import current_app

from service.answers import validate_answers
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


def init_app(app):
    app.cli.add_command(docs_cli)
