"""Pruned TrueType faces: ReportLab embeds exactly what it embeds from the original file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fonts_support import NOTO_SERIF, UMING, WENKAI, ZENHEI, needs_installed_fonts
from fontTools.ttLib import TTFont
from prerequisites import DEJAVU, require_file
from reportlab.pdfbase.ttfonts import TTFontFile
from repository import ARTICLE

from gjz_brief.fonts.model import FontFace
from gjz_brief.fonts.prune import components, pruned_subset, pruned_truetype
from gjz_brief.fonts.sfnt import SfntError

ACCENTED = "éàüÅçñ"  # composite glyphs (base letter + accent) in DejaVu Sans


def _article_characters() -> str:
    return "".join(sorted(set(ARTICLE.read_text(encoding="utf-8")))) + "0123456789•—…“”"


def _same_embedding(path: Path, characters: str) -> tuple[TTFontFile, TTFontFile, list[int]]:
    pruned = TTFontFile(io.BytesIO(pruned_truetype(path, 0, characters)))
    original = TTFontFile(str(path), subfontIndex=0)
    codes = [ord(c) for c in characters if ord(c) in original.charToGlyph]
    assert codes
    assert pruned.makeSubset(codes) == original.makeSubset(codes)
    return pruned, original, codes


@needs_installed_fonts
@pytest.mark.parametrize("path", [UMING, ZENHEI, WENKAI], ids=lambda p: p.name)
def test_reportlab_embeds_the_same_subset_with_the_same_metrics(path):
    pruned, original, codes = _same_embedding(path, _article_characters())
    for attribute in ("name", "ascent", "descent", "capHeight", "bbox", "italicAngle", "flags"):
        assert getattr(pruned, attribute) == getattr(original, attribute), attribute
    assert all(pruned.charWidths[code] == original.charWidths[code] for code in codes)
    assert pruned.numGlyphs < original.numGlyphs / 10


def test_composite_glyphs_bring_their_components():
    _same_embedding(require_file(DEJAVU), ACCENTED)
    pruned = TTFont(io.BytesIO(pruned_truetype(DEJAVU, 0, ACCENTED)))
    assert set(pruned.getBestCmap()) == {ord(c) for c in ACCENTED}
    glyf = pruned["glyf"]
    accented = glyf[pruned.getBestCmap()[ord("é")]]
    assert accented.isComposite()  # the test means something
    for component in accented.components:
        assert glyf[component.glyphName].numberOfContours > 0  # outline present, renumbered
    assert len(components(b"")) == 0


@needs_installed_fonts
def test_a_cff_face_is_refused():
    with pytest.raises(SfntError):
        pruned_truetype(NOTO_SERIF, 0, "甘井")


@needs_installed_fonts
def test_pruned_subsets_are_cached_on_disk(tmp_path):
    face = FontFace(UMING, 0, "AR PL UMing CN", "truetype")
    first = pruned_subset(face, "甘井子", tmp_path)
    assert [p.suffix for p in tmp_path.iterdir()] == [".ttf"]
    assert next(tmp_path.iterdir()).read_bytes() == first
    assert pruned_subset(face, "甘井子区", tmp_path) != first
