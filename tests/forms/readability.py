"""A rough Flesch reading ease, for checking that a document's own wording stays plain.

Not a linguistic tool: a heuristic syllable count that is good enough to catch wording that
drifts into long sentences and long words.
"""

import re


def syllables(word):
    """A rough count: groups of vowels, less a silent final e."""
    word = word.lower()
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee")) and count > 1:
        count -= 1
    return max(count, 1)


def flesch_reading_ease(paragraphs):
    sentences = [
        sentence
        for paragraph in paragraphs
        for sentence in re.split(r"(?<=[.!?:])\s+", paragraph)
        if re.search(r"[A-Za-z]", sentence)
    ]
    words = [w for s in sentences for w in re.findall(r"[A-Za-z]+(?:'[A-Za-z]+)?", s)]
    syllable_count = sum(syllables(word) for word in words)
    return 206.835 - 1.015 * len(words) / len(sentences) - 84.6 * syllable_count / len(words)
