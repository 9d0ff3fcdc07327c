"""Reading forms from Word, Excel and XLSForm files into draft templates and report values.

Pure Python, no Qt. ``read_document`` gives the neutral grid (``grid.Document``) of a .docx or
.xlsx file, judged by its content; every file it cannot read is an ``ImportRefused`` with a
Chinese message saying why and what to do.
"""

from __future__ import annotations

from pathlib import Path

from forms.importing.grid import Document, ImportRefused, Progress
from forms.importing.sniff import sniff


def read_document(path: Path, progress: Progress | None = None) -> Document:
    """The paragraphs and tables of a Word or Excel file, in order."""
    kind = sniff(Path(path))
    if kind == "docx":
        from forms.importing.docx_reader import read_docx

        return read_docx(Path(path), progress)
    from forms.importing.xlsx_reader import read_xlsx

    return read_xlsx(Path(path), progress)


__all__ = ["Document", "ImportRefused", "read_document"]
