"""JSON read strictly, for answers sent to the API.

Python's parser is lenient where leniency would lose or change what was sent: of two equal
names in one object it keeps the last without a word, and it reads NaN and Infinity, which
are not JSON. It also fails with a RecursionError, not a ValueError, on deep nesting. Here
each of those is an `UnreadableJson` whose message says what to change.
"""

import json
import math


class UnreadableJson(ValueError):  # noqa: N818 (a message for the API client, not a bug)
    """The body cannot be read as the JSON it claims to be; the message says why."""


def read_json(data):
    """The value in `data` (bytes), read strictly."""
    try:
        text = data.decode("utf-8-sig")  # a byte order mark is harmless: skip it
    except UnicodeDecodeError:
        raise UnreadableJson("The body must be JSON written in UTF-8") from None
    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_constant=_not_a_number,
            parse_float=_finite,
        )
    except RecursionError:
        raise UnreadableJson("The body is nested too deeply to be answers") from None
    except UnreadableJson:
        raise
    except ValueError:  # JSONDecodeError, and integers too long to convert
        raise UnreadableJson("The body is not valid JSON: check it is a JSON object") from None


def _object(pairs):
    found = dict(pairs)
    if len(found) != len(pairs):
        seen = set()
        twice = next(name for name, _ in pairs if name in seen or seen.add(name))
        raise UnreadableJson(f'"{_shortened(twice)}" is given twice in one object: give it once')
    return found


def _not_a_number(literal):
    raise UnreadableJson(f"{literal} is not a JSON number: give a number, or leave it out")


def _finite(text):
    number = float(text)
    if not math.isfinite(number):
        raise UnreadableJson(f"The number {_shortened(text)} is out of range")
    return number


def _shortened(text, limit=60):
    """Enough of what was sent to find it, not all of it: a name may be a megabyte long."""
    return text if len(text) <= limit else f"{text[:limit]}..."
