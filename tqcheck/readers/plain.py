"""Plain text: the view is the text itself."""
from __future__ import annotations

from ..document import Document


def read(text: str, path: str) -> list[Document]:
    return [Document(text=text, path=path)]
