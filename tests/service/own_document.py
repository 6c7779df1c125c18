"""An app handed one document of the tests' own, from a template folder of its own, and the
helpers that use it as a browser would: the engine knows no real letter here."""

import contextlib
import io
from urllib.parse import urlsplit

import docx
from lxml import html

from service.catalogue import DocumentType
from service.extensions import db
from tests.settings import make_app


@contextlib.contextmanager
def own_app(folder, lines, **document):
    """An app whose catalogue is one document: `document` declares it (slug, steps,
    build_context, ...), and its Word template, written into `folder`, is one paragraph for
    each of `lines`. The app's tables are created for the length of the `with`."""
    template = docx.Document()
    for line in lines:
        template.add_paragraph(line)
    template.save(folder / f"{document['slug']}.docx")
    defaults = {"title": "Own", "summary": "s", "needs": "n", "audience": ("parent",)}
    app = make_app(catalogue=[DocumentType(**{**defaults, **document})], templates=folder)
    with app.app_context():
        db.create_all()
        yield app
        db.session.remove()


def page(response):
    return html.fromstring(response.get_data(as_text=True))


def csrf_token(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.location)
    return page(response).xpath("//input[@name='csrf_token']/@value")[0]


def post(client, url, data, token=None):
    """A form posted as a browser posts it, with the page's own security token."""
    token = token or csrf_token(client, url)
    return client.post(url, data={"csrf_token": token, **data})


def shown_after(client, url, data, token=None):
    """A post the step cannot save (errors, Add another, Remove) as the user sees it: the
    post redirects back to its page (post/redirect/get), and that page is fetched."""
    response = post(client, url, data, token)
    assert response.status_code == 302, (url, response.status_code)
    assert urlsplit(response.location).path == urlsplit(url).path, response.location
    followed = client.get(response.location)
    followed.fragment = response.location.partition("#")[2]
    return followed


def document_text(data):
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)
