"""The work every process would do on its first requests, done once before gunicorn forks.

Each document's Word template is compiled, and each page template parsed, on first use and
kept for the life of the process. With gunicorn's preload_app the app is built in the master
and each worker is a fork of it: warmed there, a new or recycled worker starts with all of it
done, instead of keeping its first visitors waiting while it compiles (a sixth of a second
for the concern letter, a tenth for the start page, more on a busy machine).

Nothing here opens the database, Redis or LibreOffice, and no answer of anyone's is used: the
documents are made from their own example answers, then thrown away.
"""

from service.answers import validate_answers
from service.documents import render_document


def warm(app):
    """Compile every document's template (filled and blank) and parse every page template."""
    with app.test_request_context():
        for document in app.extensions["catalogue"]:
            render_document(document, validate_answers(document, document.example).answers)
            render_document(document, None, blank=True)
        for name in app.jinja_env.list_templates():
            app.jinja_env.get_template(name)
