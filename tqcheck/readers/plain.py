"""Plain text: the view is the text itself."""
from __future__ import annotations

from typing import Optional

from ..document import Document, TextView


def read(text: str, path: str, utf8: Optional[bytes] = None) -> list[Document]:
    """`utf8`: the bytes `text` was decoded from, when they are its UTF-8 (saves encoding it again)."""
    return [Document(text=text, path=path, view=TextView(text, encoded=utf8))]
