"""A readable text dump of a composed document tree, one block a line (or a few).

The golden files in tests/golden/ hold the dump of each built-in template's document, so a
change to the content, a layout or the composer shows in review as a diff of what the reader
will get, before any PDF is drawn::

    Document full
    meta title="…" author="…" date=2020-04-30 header="…"
    [0] Cover title="…" subtitle="…" issuer="…" date="…"
    [3] Heading 1 "一、总体定位" #h3
    [4] Paragraph body: 甘井子区……
    [9] Table 1 "…" numeric=(1,) #table_…
          | 指标 | 数值 |
          | 规模以上工业企业 | 288家 |

Texts are shown whole (no cutting): a changed character must show.
"""

from __future__ import annotations

from gjz_brief.document import tree


def dump_document(document: tree.Document) -> str:
    """The dump of ``document`` (ending with a newline)."""
    meta = document.meta
    lines = [
        f"Document {document.template}",
        f"meta title={_quoted(meta.title)} author={_quoted(meta.author)} "
        f"subject={_quoted(meta.subject)} date={meta.date.isoformat()} "
        f"header={_quoted(meta.header)} language={meta.language}",
        f"meta keywords={' / '.join(meta.keywords)}",
    ]
    for index, block in enumerate(document.blocks):
        lines += _block(index, block)
    return "\n".join(lines) + "\n"


def _block(index: int, block: tree.Block) -> list[str]:
    head = f"[{index}] {type(block).__name__}"
    if isinstance(block, tree.Cover):
        return [
            f"{head} title={_quoted(block.title)} subtitle={_quoted(block.subtitle)} "
            f"issuer={_quoted(block.issuer)} date={_quoted(block.date_text)}"
        ]
    if isinstance(block, tree.Masthead):
        return [
            f"{head} name={_quoted(block.bulletin_name)} issue={_quoted(block.issue_text)} "
            f"issuer={_quoted(block.issuer)} date={_quoted(block.date_text)} "
            f"classification={_quoted(block.classification)}"
        ]
    if isinstance(block, tree.TableOfContents):
        return [f"{head} title={_quoted(block.title)} levels={block.levels}"]
    if isinstance(block, tree.Title):
        return [f"{head} {_quoted(block.text)} subtitle={_quoted(block.subtitle)}"]
    if isinstance(block, tree.Heading):
        return [f"{head} {block.level} {_quoted(block.full_text)} #{block.anchor}"]
    if isinstance(block, tree.Paragraph):
        return [f"{head} {block.style}: {block.text}"]
    if isinstance(block, tree.BulletList):
        return [head, *(f"      （{n}）{item}" for n, item in enumerate(block.items, 1))]
    if isinstance(block, tree.Table):
        numeric = ",".join(str(column) for column in block.numeric_columns)
        return [
            f"{head} {block.number} {_quoted(block.caption)} numeric=({numeric}) #{block.anchor}",
            _row(block.columns),
            *(_row(row) for row in block.rows),
        ]
    if isinstance(block, tree.FigureBlock):
        return [
            f"{head} {block.number} chart={block.chart_id} width={block.width_mm:g}mm "
            f"{_quoted(block.caption)}",
            f"      alt: {block.alt_text}",
            *_chart_content(block.content),
        ]
    if isinstance(block, tree.KeyFigures):
        return [
            f"{head} columns={block.columns}",
            *(f"      {tile.value} | {tile.label} | {tile.note}" for tile in block.tiles),
        ]
    if isinstance(block, tree.Distribution):
        return [
            f"{head} {_quoted(block.copies_text)}",
            *(f"      {label}：{text}" for label, text in block.lines),
        ]
    return [head]  # PageBreak


def _chart_content(content: tree.ChartContent | None) -> list[str]:
    """What a chart shows (``FigureBlock.content``), as the DOCX builds it as live content:
    every value, data label and Excel number format, so a changed label shows in review."""
    if content is None:
        return []
    head = f"      {type(content).__name__} {_quoted(content.title)}"
    if isinstance(content, tree.NumericChart):
        lines = [f"{head} {content.kind} series={_quoted(content.value_title)}"]
        for point in content.points:
            extra = "" if point.target is None else f" target={point.target:g}"
            extra += "" if point.percent is None else f" percent={point.percent:g}"
            lines.append(
                f"        {point.name} = {point.value:g} label={_quoted(point.label)} "
                f"format={_quoted(point.number_format)}{extra}"
            )
        return lines
    if isinstance(content, tree.TimelineChart):
        return [
            head,
            *(f"        {year} | {label} | {goal}" for year, label, goal in content.milestones),
        ]
    if isinstance(content, tree.StructureChart):
        lines = [head]
        for name, groups in content.frameworks:
            lines.append(f"        {name}")
            lines += [f"          {group}: {' / '.join(fields)}" for group, fields in groups]
        return lines
    return [
        f"{head} columns={content.columns}",
        *(f"        {tile.value} | {tile.label} | {tile.note}" for tile in content.tiles),
    ]


def _row(cells: tuple[str, ...]) -> str:
    return "      | " + " | ".join(cells) + " |"


def _quoted(text: str) -> str:
    return f"“{text}”"
