"""A layout error is reported where the content entry it came from is written."""

from __future__ import annotations

from gjz_brief.content.loader import load_content
from gjz_brief.document import tree
from gjz_brief.document.provenance import content_path_of_block, locate_layout_error
from gjz_brief.errors import Location, OversizedContentError


def test_blocks_lead_back_to_their_content_entries(plan):
    chart = plan.charts[1]
    assert content_path_of_block(tree.FigureBlock(1, chart.id, "", ""), plan) == ("charts", 1)
    assert content_path_of_block(tree.Title("题"), plan) == ("meta", "title")
    assert content_path_of_block(tree.KeyFigures(()), plan) == ("figures",)
    assert content_path_of_block(tree.PageBreak(), plan) is None


def test_an_oversized_block_is_located_at_its_content_line(tmp_path):
    content = load_content()
    index = 3
    heading_text = content.plan.sections[index].title
    document = tree.Document(
        tree.DocumentMeta("题", "单位", "主题", (), content.plan.meta.as_of),
        (tree.PageBreak(), tree.Heading(1, heading_text)),
    )
    error = OversizedContentError("too tall", hint="shorten it", block_index=1)
    located = locate_layout_error(error, content, tmp_path, document)
    where = content.locate(("sections", index, "title"))
    assert (located.location.file, located.location.line) == (where.file, where.line)
    assert located.location.field == "sections[3].title" and located.hint == "shorten it"
    unplaced = locate_layout_error(OversizedContentError("x"), content, tmp_path, document)
    assert unplaced.location == Location(str(tmp_path))  # the template placed it
