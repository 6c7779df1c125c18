"""The baseline: the least a Flask app can do to serve a letter with plain docxtpl.

One view takes the template's context as JSON and renders the template as a service without
the engine would: open, render autoescaped, save (bench.rendering.plain_docxtpl_render, the
figure `make bench` compares with). It checks nothing and builds no context (the load test
posts it the context the service builds from the same answers), so the comparison favours it.
"""

import io
import os
from importlib.resources import files

from flask import Flask, abort, request, send_file

from bench.rendering import plain_docxtpl_render
from service.rendering import DOCX_MIMETYPE

TEMPLATE_VARIABLE = "LOADTEST_BASELINE_TEMPLATE"


def default_template():
    return files("templates_docx") / "concern-letter.docx"


def create_app(template=None):
    """`template`: the .docx to fill (the environment's LOADTEST_BASELINE_TEMPLATE, else the
    concern letter's)."""
    template = template or os.environ.get(TEMPLATE_VARIABLE) or default_template()
    app = Flask(__name__)

    @app.get("/")
    def ready():
        return "ready"

    @app.post("/letter")
    def letter():
        context = request.get_json(silent=True)
        if not isinstance(context, dict):
            abort(400)
        data = plain_docxtpl_render(template, context)
        return send_file(
            io.BytesIO(data),
            mimetype=DOCX_MIMETYPE,
            as_attachment=True,
            download_name="letter.docx",
        )

    return app
