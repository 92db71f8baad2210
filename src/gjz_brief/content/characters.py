"""Characters pasted from web pages, PDFs and word processors: cleaned or refused, by kind.

Text copied from a browser or a PDF viewer carries characters nobody sees on screen (a
zero-width space, a soft hyphen, a byte-order mark) and look-alikes that break search (a
CJK compatibility ideograph or a Kangxi radical that looks exactly like 一 or 金). The PDF
fonts either lack them or draw an empty box, so they are handled on loading, by kind
(Unicode general category, then block), never character by character:

- **removed** when invisible and meaningless in a Chinese document (format characters such
  as U+200B, U+00AD, U+FEFF, U+200D; variation selectors);
- **replaced** when a canonical or compatibility form says what the character is (a
  compatibility ideograph by its unified ideograph, NFC; a Kangxi radical by the
  ideograph it looks like, a ligature ﬁ by fi, NFKC; an exotic space by U+0020);
- **refused** when no replacement keeps the meaning (controls, bidirectional overrides,
  private-use and unassigned code points, U+FFFD, a combining mark that composes with
  nothing, a line or paragraph separator).

A removal or replacement is reported as a warning at the character's file, line and
column; a refusal is an error there. The README ("Pasted text") has the table.
Source: The Unicode Standard, chapter 23 (special areas and format characters) and
UAX #15 (normalization forms).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Literal

Action = Literal["removed", "replaced", "refused"]


@dataclass(frozen=True)
class Finding:
    """One character handled by the policy, at ``index`` of the original text."""

    index: int
    character: str
    action: Action
    replacement: str  # "" when removed or refused
    kind: str  # what the character is, for the message

    @property
    def label(self) -> str:
        """ "U+200B ZERO WIDTH SPACE"."""
        name = unicodedata.name(self.character, "")
        return f"U+{ord(self.character):04X}" + (f" {name}" if name else "")

    def message(self, field: str = "") -> str:
        where = f"{field}: " if field else ""
        if self.action == "removed":
            return f"{where}removed the invisible {self.kind} {self.label}"
        if self.action == "replaced":
            shown = self.replacement if self.replacement.strip() else "a space"
            return f"{where}replaced the {self.kind} {self.label} by {shown}"
        return f"{where}text contains the {self.kind} {self.label}, {REFUSAL_REASONS[self.kind]}"

    @property
    def hint(self) -> str:
        if self.action != "refused":
            return "the text was pasted from a web page or PDF; fix it in the file to silence this"
        return REFUSAL_HINTS.get(
            self.kind,
            "delete the character (copying from a web page or PDF can bring it in)",
        )


# Invisible format characters (category Cf) with no meaning in a Chinese document.
_REMOVED_FORMAT = frozenset(
    [0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF]
    + list(range(0x2061, 0x2065))  # invisible mathematical operators
    + list(range(0x206A, 0x2070))  # deprecated format characters
    + [0xE0001]
    + list(range(0xE0020, 0xE0080))  # tag characters (emoji flags)
)
# Bidirectional embeddings, overrides and isolates reorder what Word shows; the PDF would
# show another order, so no cleaned text is "what the writer saw".
_BIDI_CONTROLS = frozenset([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
_VARIATION_SELECTORS = frozenset(
    [*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x180B, 0x180C, 0x180D, 0x180F]
)
_KEPT_SPACES = frozenset(" \u3000")  # the ordinary and the ideographic (full-width) space

REFUSAL_REASONS = {
    "control character": "which documents cannot hold",
    "bidirectional control": "which makes Word and the PDF show the text in different orders",
    "format character": "which no font draws",
    "private-use character": "which means something only in the font it came from",
    "unassigned code point": "which no font draws",
    "noncharacter": "which documents cannot hold",
    "replacement character": "a sign that characters were lost when the text was converted",
    "object replacement character": "a placeholder for an object that was not copied",
    "combining mark": "which combines with no character before it",
    "line or paragraph separator": "which cannot be kept inside one text",
    "radical": "a radical, not a character of running text",
}
REFUSAL_HINTS = {
    "control character": "delete the invisible character (copying from a web page or PDF can "
    "bring it in)",
    "bidirectional control": "delete the invisible character; retype the text around it if "
    "it looks reversed",
    "replacement character": "copy the text again from its source, or type the lost characters",
    "line or paragraph separator": "write separate paragraphs as separate list items",
    "combining mark": "type the accented letter as one character, or delete the mark",
    "radical": "type the ideograph itself (the radical looks alike but breaks search)",
}


def _is_noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


def _judge(text: str, index: int) -> Finding | None:
    """The policy for one character of ``text`` (None: kept as it is)."""
    character = text[index]
    code = ord(character)
    if code < 0x80 and (character.isprintable() or character in "\t\n\r"):
        return None  # ASCII: the common case, first
    category = unicodedata.category(character)
    if category == "Cc":
        if character in "\t\n\r":
            return None
        return Finding(index, character, "refused", "", "control character")
    if category == "Cs" or _is_noncharacter(code):
        return Finding(index, character, "refused", "", "noncharacter")
    if code in _BIDI_CONTROLS:
        return Finding(index, character, "refused", "", "bidirectional control")
    if code in _REMOVED_FORMAT:
        return Finding(index, character, "removed", "", "format character")
    if code in _VARIATION_SELECTORS:
        return Finding(index, character, "removed", "", "variation selector")
    if category == "Cf":
        return Finding(index, character, "refused", "", "format character")
    if category == "Co":
        return Finding(index, character, "refused", "", "private-use character")
    if category == "Cn":
        return Finding(index, character, "refused", "", "unassigned code point")
    if code == 0xFFFD:
        return Finding(index, character, "refused", "", "replacement character")
    if code == 0xFFFC:
        return Finding(index, character, "refused", "", "object replacement character")
    if category in ("Zl", "Zp"):
        return Finding(index, character, "refused", "", "line or paragraph separator")
    if category == "Zs" and character not in _KEPT_SPACES:
        return Finding(index, character, "replaced", " ", "space character")
    if 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F:
        unified = unicodedata.normalize("NFC", character)
        if unified != character:  # 12 of them (e.g. U+FA0E 﨎) are unified ideographs
            return Finding(index, character, "replaced", unified, "compatibility ideograph")
        return None
    if 0x2E80 <= code <= 0x2FDF:  # CJK radicals supplement, Kangxi radicals
        unified = unicodedata.normalize("NFKC", character)
        if unified != character:
            return Finding(index, character, "replaced", unified, "Kangxi radical")
        return Finding(index, character, "refused", "", "radical")
    if 0xFB00 <= code <= 0xFB06:
        return Finding(
            index, character, "replaced", unicodedata.normalize("NFKC", character), "ligature"
        )
    if category in ("Mn", "Me", "Mc"):
        return _combining(text, index)
    return None


def _combining(text: str, index: int) -> Finding | None:
    """A combining mark is kept when NFC composes it with the character before it (the pair is
    then replaced by the composed character), refused otherwise: alone, it draws nothing or
    a dotted circle."""
    character = text[index]
    base = text[index - 1] if index > 0 else ""
    if base and unicodedata.category(base)[0] == "L":
        composed = unicodedata.normalize("NFC", base + character)
        if len(composed) == 1:
            return Finding(index, character, "replaced", composed, "combining mark")
    return Finding(index, character, "refused", "", "combining mark")


def clean_text(text: str) -> tuple[str, list[Finding]]:
    """``text`` with the policy applied, and what was done, by index of the original text.

    A composed combining mark replaces its base character and itself by the composed one.
    Refused characters are left in place (the caller reports them as errors).
    """
    if text.isascii() and text.isprintable():
        return text, []
    findings: list[Finding] = []
    out: list[str] = []
    for index, character in enumerate(text):
        finding = _judge(text, index)
        if finding is None:
            out.append(character)
            continue
        findings.append(finding)
        if finding.action == "removed":
            continue
        if finding.action == "replaced":
            if finding.kind == "combining mark":
                out[-1] = finding.replacement  # the base and the mark, composed
            else:
                out.append(finding.replacement)
        else:
            out.append(character)
    return "".join(out), findings
