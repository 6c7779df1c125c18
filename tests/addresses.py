"""Addresses as tests compare them: every journey address names its draft (`?draft=<ref>`),
which is random, so a test that checks where a redirect goes leaves it out."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def without_draft(url):
    """The address without its `draft` parameter, keeping every other one and the fragment."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if k != "draft"])
    return urlunsplit(parts._replace(query=query))


def draft_of(url):
    """The ref an address names, or None."""
    return dict(parse_qsl(urlsplit(url).query)).get("draft")


def links(doc, xpath):
    """The addresses an XPath finds on a page (its `@href`s), without their drafts."""
    return [without_draft(href) for href in doc.xpath(xpath)]
