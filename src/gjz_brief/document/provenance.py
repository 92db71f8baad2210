"""Which content entry a document block was composed from, so that an error found while
laying the document out (a block larger than a page) is reported where the user can fix it."""

from __future__ import annotations

from pathlib import Path

from gjz_brief.content.loader import LoadedContent
from gjz_brief.content.messages import dotted
from gjz_brief.content.model import Plan
from gjz_brief.content.yaml_source import FieldPath
from gjz_brief.document import tree
from gjz_brief.errors import LayoutLimitError, Location, OversizedContentError


def content_path_of_block(block: tree.Block, plan: Plan) -> FieldPath | None:
    """The content entry ``block`` was composed from (None: the template's own text)."""
    if isinstance(block, (tree.Cover, tree.Title, tree.Masthead)):
        return ("meta", "title")
    if isinstance(block, tree.Table):
        table_id = block.anchor.removeprefix("table_") if block.anchor else ""
        ids = [t.id for t in plan.tables]
        return ("tables", ids.index(table_id)) if table_id in ids else ("figures",)
    if isinstance(block, tree.FigureBlock):
        ids = [c.id for c in plan.charts]
        return ("charts", ids.index(block.chart_id)) if block.chart_id in ids else None
    if isinstance(block, tree.KeyFigures):
        return ("figures",)
    if isinstance(block, tree.Heading):
        for index, section in enumerate(plan.sections):
            if section.title == block.text:
                return ("sections", index, "title")
    if isinstance(block, tree.Paragraph):
        for index, section in enumerate(plan.sections):
            if block.text in section.paragraphs:
                return ("sections", index, "paragraphs", section.paragraphs.index(block.text))
        return ("meta",)
    return None


def locate_layout_error(
    error: OversizedContentError,
    content: LoadedContent,
    template_folder: Path,
    document: tree.Document,
) -> OversizedContentError:
    """The same error, at the content entry it names (``error.content_path``: kind and id)
    or of the block it names (``error.block_index``); failing both, at the template whose
    layout and theme placed it."""
    path: FieldPath | None = None
    kind, entry_id = (*error.content_path, "", "")[:2]
    entries = getattr(content.plan, kind, None) if kind else None
    index = next(
        (i for i, e in enumerate(entries or ()) if getattr(e, "id", None) == entry_id), None
    )
    if index is not None:
        path = (kind, index)
    elif error.block_index is not None:
        path = content_path_of_block(document.blocks[error.block_index], content.plan)
    if path is None:
        if error.location is None:
            return OversizedContentError(error.message, Location(str(template_folder)), error.hint)
        return error
    where = content.locate(path)
    field = error.location.field if error.location else None
    located = Location(where.file, where.line, where.column, field or dotted(path))
    return OversizedContentError(error.message, located, error.hint, error.content_path)


def locate_limit_error(error: LayoutLimitError, content: LoadedContent) -> LayoutLimitError:
    """The same error, at the file and line of the first item the layout cannot show."""
    where = content.locate(error.content_path)
    located = LayoutLimitError(error.message, error.content_path, error.hint)
    located.location = Location(where.file, where.line, where.column, dotted(error.content_path))
    return located
