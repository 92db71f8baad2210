"""简报 pieces: the masthead (报头) on page 1 and the distribution block (报尾) at the foot of
the last page."""

from __future__ import annotations

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from gjz_brief.document import tree
from gjz_brief.render.pdf.flowables import FootBlock, PageMark, Rule
from gjz_brief.render.pdf.state import BuildState
from gjz_brief.render.pdf.styles import Align, Typesetter
from gjz_brief.render.pdf.table_tags import LayoutTags, render_callback
from gjz_brief.template.theme import MM
from gjz_brief.typeset.title_breaks import two_balanced_lines

MASTHEAD_RULE_MM = 1.0
MASTHEAD_RULE_GAP_MM = 4.0  # GB/T 9704: red line 4 mm below the line above it
OUTER_RULE = 0.35 * MM
INNER_RULE = 0.25 * MM


MASTHEAD_MIN_SCALE = 0.8  # below this, a long name takes two balanced lines, not a tiny one


def masthead_name(typesetter: Typesetter, name: str, width: float) -> tuple[str, float]:
    """The bulletin name as set in the masthead and its size: one line, made a little smaller
    when needed (the custom of 简报 mastheads); a name that would shrink below
    MASTHEAD_MIN_SCALE breaks between words into two balanced lines instead, made smaller
    if they still do not fit (GB/T 9704 §7.2.2; typeset/title_breaks.py)."""
    style = typesetter.style("masthead")
    per_point = typesetter.measure(style.font, name, 1.0)
    if per_point <= 0 or per_point * style.size_pt <= width * 0.98:
        return name, style.size_pt
    if width * 0.98 / per_point >= style.size_pt * MASTHEAD_MIN_SCALE:
        return name, width * 0.98 / per_point
    lines = two_balanced_lines(name, lambda line: typesetter.measure(style.font, line, 1.0), 1.0)
    longest = max(typesetter.measure(style.font, line, 1.0) for line in lines)
    size = min(style.size_pt, width * 0.98 / longest) if longest > 0 else style.size_pt
    return "\n".join(lines), size


def masthead(typesetter: Typesetter, block: tree.Masthead, state: BuildState) -> list[Flowable]:
    accent = typesetter.colour("accent")
    width = typesetter.text_width
    style = typesetter.style("masthead")
    indent = style.first_line_indent_chars * style.size_pt
    name, size = masthead_name(typesetter, block.bulletin_name, width - indent)
    out: list[Flowable] = [PageMark(state)]
    if block.classification:
        out.append(
            typesetter.paragraph(
                "heading1",
                block.classification,
                align="left",
                first_line_indent=0,
                space_before=0,
                space_after=0,
            )
        )
    # A spacer, not space before: platypus drops that at the top of a page.
    out.append(Spacer(1, typesetter.line_pitch * style.space_before_lines))
    out.append(
        typesetter.paragraph(
            "masthead",
            name,
            size=size,
            leading=round(size * 1.25, 3),
            colour=accent,
            first_line_indent=indent,
            space_before=0,
        )
    )
    if block.issue_text:
        out.append(
            typesetter.paragraph(
                "body",
                block.issue_text,
                align="center",
                first_line_indent=0,
                space_before=0,
                space_after=0,
            )
        )
    out.append(_two_sided_line(typesetter, block.issuer, block.date_text))
    out.append(Rule(MASTHEAD_RULE_MM * MM, accent, height=(MASTHEAD_RULE_GAP_MM * 2 + 1) * MM))
    return out


def _two_sided_line(typesetter: Typesetter, left: str, right: str) -> Flowable:
    """编印单位 at the left, the date at the right, one character in from each edge."""
    half = typesetter.text_width / 2
    cells = [
        [
            typesetter.paragraph(
                "body", left, align="left", first_line_indent=0, space_before=0, space_after=0
            ),
            typesetter.paragraph(
                "body", right, align="right", first_line_indent=0, space_before=0, space_after=0
            ),
        ]
    ]
    indent = typesetter.char_pitch
    table = Table(
        cells, colWidths=[half, half], hAlign="CENTER", renderCB=render_callback(LayoutTags())
    )
    table.setStyle(
        TableStyle(
            [
                typesetter.table_font(),
                ("LEFTPADDING", (0, 0), (0, 0), indent),
                ("RIGHTPADDING", (0, 0), (0, 0), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 0),
                ("RIGHTPADDING", (1, 0), (1, 0), indent),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
    )
    return table


def distribution(typesetter: Typesetter, block: tree.Distribution) -> list[Flowable]:
    """报：/送：/发： lines between full-width rules, 共印N份 at the right, at the page foot."""
    style = typesetter.style("distribution")
    size = style.size_pt
    leading = round(size * 1.6, 3)
    indent = size  # one character in from each edge, as in the GB/T 9704 版记
    rows: list[list[object]] = []

    def text(value: str, align: Align | None = None) -> Flowable:
        return typesetter.paragraph("distribution", value, leading=leading, align=align)

    labels = [f"{label}：" for label, _ in block.lines]
    label_width = max((typesetter.measure(style.font, label, size) for label in labels), default=0)
    for label, (_, value) in zip(labels, block.lines, strict=True):
        rows.append([text(label, "left"), text(value)])
    if block.copies_text:
        rows.append([text(block.copies_text, "right"), ""])  # spans both columns
    if not rows:
        return []
    first_width = indent + label_width + 1.0
    table = Table(
        rows,
        colWidths=[first_width, typesetter.text_width - first_width],
        renderCB=render_callback(LayoutTags()),
    )
    commands: list[tuple] = [
        typesetter.table_font(),
        ("LEFTPADDING", (0, 0), (0, -1), indent),
        ("RIGHTPADDING", (0, 0), (0, -1), 0),
        ("LEFTPADDING", (1, 0), (1, -1), 0),
        ("RIGHTPADDING", (1, 0), (1, -1), indent),
        ("TOPPADDING", (0, 0), (-1, -1), 2 + typesetter.space(style, "before")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 + typesetter.space(style, "after")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEABOVE", (0, 0), (-1, 0), OUTER_RULE, typesetter.colour("text")),
        ("LINEBELOW", (0, -1), (-1, -1), OUTER_RULE, typesetter.colour("text")),
    ]
    if len(rows) > 1:
        commands.append(("LINEBELOW", (0, 0), (-1, -2), INNER_RULE, typesetter.colour("text")))
    if block.copies_text:
        commands += [("SPAN", (0, -1), (-1, -1)), ("RIGHTPADDING", (0, -1), (0, -1), indent)]
    table.setStyle(TableStyle(commands))
    return [FootBlock(table, min_gap=typesetter.line_pitch / 2)]
