"""The glyph check: every character of the content can be drawn by its font, or the build
stops at load time naming the character and where it is (YAML line or sheet cell)."""

from __future__ import annotations

from gjz_brief.charts.style import LABEL_ROLE
from gjz_brief.content.loader import LoadedContent
from gjz_brief.content.walk import walk_texts
from gjz_brief.errors import Location, MissingGlyphError
from gjz_brief.fonts.coverage import check_coverage
from gjz_brief.fonts.model import FontSet

# Which font role sets a content field (by its first and last path parts); default body.
_ROLE_OF_FIELD = {
    ("meta", "title"): "title",
    ("meta", "bulletin_name"): "title",
    ("meta", "editor_note"): "kai",
    ("sections", "title"): "heading",
}
# Content that charts draw (in LABEL_ROLE), besides the body text of the document.
_CHARTED = frozenset(["figures", "charts", "industry", "milestones"])


def check_glyphs(fonts: FontSet, content: LoadedContent) -> None:
    """Raise MissingGlyphError (exit 2) naming each character neither the role's face nor a
    fallback has, with its code point and its place in the content (up to ten)."""
    texts: list[tuple[str, str, Location | None]] = []
    for path, text in walk_texts(content.plan.model_dump(mode="json")):
        role = _ROLE_OF_FIELD.get((str(path[0]), str(path[-1])), "body")
        where = content.locate(path)
        texts.append((role, text, where))
        if str(path[0]) in _CHARTED and role != LABEL_ROLE:
            # A character the chart label face lacks would fail the chart instead of
            # naming its line here.
            texts.append((LABEL_ROLE, text, where))
    problems = check_coverage(fonts, texts)
    if problems:
        first = problems[0]
        raise MissingGlyphError(
            "\n  ".join([first.message, *(f"{p.location}: {p.message}" for p in problems[1:10])]),
            first.location,
            "replace the character, or install a font that has it (e.g. fonts-noto-cjk) "
            "and list its folder in GJZ_BRIEF_FONT_DIRS",
        )
