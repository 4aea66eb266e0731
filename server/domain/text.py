"""The one rule for the characters refused in text (README, security model).

What a terminal would act on (C0 controls, DEL, C1 controls such as CSI) or what makes text
display as other text (bidi embeddings, overrides and isolates): an API caller may send none
of them. A web page can put them in what the extension captures, and the terminal UI shows
that text. Multi-line texts (a reason, a transcript) keep tab, line feed and carriage return,
and the line and paragraph separators; every other field is one line.

The terminal UI strips them (and CR) from what it shows (tui/api.py) and the extension
removes them before sending (extension/src/extract/normalize.js); tests/server/test_text_rule.py
checks both copies against these ranges.
"""

from __future__ import annotations

import re

Ranges = tuple[tuple[int, int], ...]  # (first, last) code points, inclusive

BIDI_CONTROLS: Ranges = ((0x202A, 0x202E), (0x2066, 0x2069))
REFUSED_IN_TEXT: Ranges = ((0x00, 0x08), (0x0B, 0x0C), (0x0E, 0x1F), (0x7F, 0x9F), *BIDI_CONTROLS)
REFUSED_IN_LINE: Ranges = ((0x00, 0x1F), (0x7F, 0x9F), *BIDI_CONTROLS, (0x2028, 0x2029))
# What a terminal screen drops from text it shows: the refused ones, and the carriage return a
# text keeps for its CRLF line ends (on a terminal a lone one returns to the line's start, so
# what follows would overwrite what came before).
STRIPPED_ON_SCREEN: Ranges = ((0x00, 0x08), (0x0B, 0x1F), (0x7F, 0x9F), *BIDI_CONTROLS)


def char_class(ranges: Ranges) -> str:
    """A regular-expression character class matching exactly `ranges`."""
    return (
        "[" + "".join(f"\\u{a:04x}" if a == b else f"\\u{a:04x}-\\u{b:04x}" for a, b in sorted(ranges)) + "]"
    )


NOT_TEXT = re.compile(char_class(REFUSED_IN_TEXT))
NOT_ONE_LINE = re.compile(char_class(REFUSED_IN_LINE))


def text_problem(value: str, *, multi_line: bool) -> str | None:
    """What is wrong with `value` under the rule (a message naming no field), or None."""
    if multi_line:
        if NOT_TEXT.search(value):
            return (
                "must not contain control characters or text-direction overrides "
                "(line breaks and tabs are fine)"
            )
    elif NOT_ONE_LINE.search(value):
        return "must be one line of text, without tabs, control characters or text-direction overrides"
    return None
