"""The documents this service can write: one module each, declared in CATALOGUE in the order
the start page lists them."""

from forms import concern_letter

CATALOGUE = [concern_letter.DOCUMENT]
