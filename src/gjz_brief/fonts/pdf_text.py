"""Which text each font role may draw in the PDF, estimated from the document tree.

Only the subsets of converted (CFF) faces depend on it: the default title face, Noto Serif
CJK Bold, costs ~1 ms per glyph to convert, so it should get the title's few dozen
characters rather than the document's 700. The estimate errs on the large side; if the
renderer still asks a role for a character its subset lacks, ``PdfFonts.subset_misses``
says so and the build registers larger subsets and renders again.
"""

from __future__ import annotations

from collections.abc import Mapping

from gjz_brief.document import tree

# Blocks set in the title face (标题, 封面, 报头, 目录 heading).
_TITLE_BLOCKS = (tree.Cover, tree.Masthead, tree.TableOfContents, tree.Title)
# Blocks whose text (or part of it) is set in the heading face: headings and TOC entries,
# table captions and header cells, figure captions, key figure tiles.
_DISPLAY_BLOCKS = (*_TITLE_BLOCKS, tree.Heading, tree.Table, tree.FigureBlock, tree.KeyFigures)


def pdf_role_texts(
    document: tree.Document, chart_texts: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Role → the text that role may draw; roles not named here may draw anything.

    ``chart_texts`` (role → text) is the charts' text, which the PDF sets as real text.
    """
    meta = document.meta
    everything = "".join(
        [
            *document.text_blocks(),
            meta.title,
            meta.author,
            meta.subject,
            meta.header,
            *meta.keywords,
        ]
    )
    title = "".join(
        text
        for block in document.blocks
        if isinstance(block, _TITLE_BLOCKS)
        for text in tree.block_texts(block)
    )
    display = "".join(
        text
        for block in document.blocks
        if isinstance(block, _DISPLAY_BLOCKS)
        for text in tree.block_texts(block)
    )
    texts = {
        "title": title,
        "heading": display,
        "body": everything,
        "kai": everything,
        "song": everything,
    }
    for role, text in (chart_texts or {}).items():
        texts[role] = texts.get(role, "") + text
    return texts
