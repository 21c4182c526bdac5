"""Turning what a clinician types into a safe FTS5 query.

FTS5 has its own query language (AND/OR/NOT, quotes, `column:`, `^`, `*`,
parentheses); raw user input like `pt's "BP` or `NOT-sure` would be a syntax
error or mean something else.  Only word characters are kept, each word is
quoted as a literal phrase and made a prefix match (for search-as-you-type),
and the words are ANDed.  Input with no words yields no query.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 32


def fts_query(user_text: str) -> str | None:
    words = _WORD.findall(user_text)[:MAX_TERMS]
    if not words:
        return None
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)
