"""Where each value of the content came from: a YAML file's line and column, or a sheet cell.

One locator answers for every content position, whatever read it: validation, the sheet's
own checks, the glyph check and the layout's errors all ask it, so a value the figures sheet
overwrote is reported at its cell (``figures.csv:2:3``, or ``figures.xlsx`` and the cell,
C2) and a YAML value at its line and column, never one for the other.
"""

from __future__ import annotations

from collections.abc import Mapping

from gjz_brief.content.yaml_source import FieldPath, YamlDocument
from gjz_brief.errors import Location


class ContentLocator:
    """Field path → Location, over the YAML files (by top-level key) and the sheet's cells.

    ``documents``: top-level key → the file that defines it; ``folder``: the content folder as
    shown in messages, the answer for a path no file defines.
    """

    def __init__(self, documents: Mapping[str, YamlDocument], folder: str) -> None:
        self._documents = dict(documents)
        self._cells: dict[FieldPath, Location] = {}
        self._folder = folder

    def __call__(self, path: FieldPath) -> Location:
        """The cell a value came from (of ``path`` or the nearest ancestor a cell filled),
        else its place in the YAML."""
        probe = tuple(path)
        while probe:
            if probe in self._cells:
                return self._cells[probe]
            probe = probe[:-1]
        return self.yaml(path)

    def yaml(self, path: FieldPath) -> Location:
        """Where the YAML gives ``path`` (or its nearest ancestor), even if a cell replaced it."""
        document = self._documents.get(str(path[0])) if path else None
        return document.locate(tuple(path)) if document is not None else Location(self._folder)

    def cell(self, path: FieldPath) -> Location | None:
        """The sheet cell that gave the value at ``path`` (exactly), or None."""
        return self._cells.get(tuple(path))

    def record_cell(self, path: FieldPath, location: Location) -> None:
        """The value at ``path`` came from the sheet cell at ``location``."""
        self._cells[tuple(path)] = location
