"""A readable dump of how a few paragraphs are typeset: their lines, as the PDF sets them.

Line breaking is where Chinese layout is won or lost (kinsoku, 孤字, the 28-character grid),
and a change to it is hard to see in a PDF. The dump shows each line's text and what the
breaker did to it, so a review diff reads like proof::

    [4] body 16pt, 442.2pt wide, indent 2 characters
       1 ｜甘井子区是大连的重大产业承载区，现有规模以上工业企｜
       2 ｜业288家，……｜ pushed 1

tests/golden/ keeps the dump of the first paragraphs of each built-in template.
"""

from __future__ import annotations

from pathlib import Path

from gjz_brief.document import tree
from gjz_brief.fonts.model import FontSet
from gjz_brief.fonts.pdf import register_pdf_fonts
from gjz_brief.fonts.pdf_text import pdf_role_texts
from gjz_brief.render.pdf.blocks import PARAGRAPH_STYLES, RENDERER_TEXT
from gjz_brief.render.pdf.styles import Typesetter
from gjz_brief.template.theme import Theme
from gjz_brief.typeset.flowable import CJKParagraph


def dump_lines(
    document: tree.Document,
    theme: Theme,
    fonts: FontSet,
    font_cache: Path | None,
    paragraphs: int = 4,
) -> str:
    """The lines of the first ``paragraphs`` paragraphs of ``document`` (and of its first
    heading and list), set in ``theme`` with ``fonts`` as the PDF sets them."""
    pdf_fonts = register_pdf_fonts(fonts, RENDERER_TEXT, font_cache, pdf_role_texts(document))
    typesetter = Typesetter(theme, pdf_fonts)
    chosen: list[tuple[int, str, str]] = []  # (block index, style, text)
    for index, block in enumerate(document.blocks):
        if isinstance(block, tree.Paragraph) and paragraphs > 0:
            chosen.append((index, PARAGRAPH_STYLES.get(block.style, "body"), block.text))
            paragraphs -= 1
        elif isinstance(block, tree.Heading) and not any(s == "heading1" for _, s, _ in chosen):
            chosen.append((index, f"heading{block.level}", block.full_text))
        elif isinstance(block, tree.BulletList) and not any(s == "bullet" for _, s, _ in chosen):
            chosen.append((index, "bullet", f"（1）{block.items[0]}"))
    out: list[str] = []
    width = typesetter.text_width
    for index, style_name, text in chosen:
        style = theme.style(style_name)
        paragraph = typesetter.paragraph(style_name, text)
        assert isinstance(paragraph, CJKParagraph)
        out.append(
            f"[{index}] {style_name} {style.size_pt:g}pt, {width:.1f}pt wide, "
            f"indent {style.first_line_indent_chars:g} characters, {style.align}"
        )
        for number, line in enumerate(paragraph.lines(width), start=1):
            notes = [
                f"pushed {line.pushed}" if line.pushed else "",
                f"pulled {line.pulled}" if line.pulled else "",
                "squeezed" if line.squeezed else "",
                "forced" if line.forced else "",
                "last" if line.is_last else "",
            ]
            note = " ".join(part for part in notes if part)
            out.append(f"  {number:2d} ｜{line.text}｜ {note}".rstrip())
    return "\n".join(out) + "\n"
