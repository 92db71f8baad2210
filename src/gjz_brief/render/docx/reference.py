"""Regenerate a committed reference document.

python -m gjz_brief.render.docx.reference templates/full/reference.docx [--variant jianbao]

The styles start from the theme.yaml beside the output (GB/T 9704 defaults when there is none).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from gjz_brief.render.docx.reference_builder import VARIANTS, build_reference_docx
from gjz_brief.render.docx.stylesheet import DEFAULT_OFFICE_FONTS
from gjz_brief.template.loader import load_theme


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m gjz_brief.render.docx.reference",
        description="Write the reference.docx that holds the Word styles of gjz-brief.",
    )
    parser.add_argument(
        "output", type=Path, help="where to write, e.g. templates/full/reference.docx"
    )
    parser.add_argument(
        "--variant",
        choices=VARIANTS,
        help="sample content to show (default: the name of the output's folder, else full)",
    )
    arguments = parser.parse_args(argv)
    variant = arguments.variant or (
        arguments.output.parent.name if arguments.output.parent.name in VARIANTS else "full"
    )
    # The template's own theme (sizes, spacing, colours) seeds the Word styles.
    theme = load_theme(arguments.output.parent)
    data = build_reference_docx(theme, DEFAULT_OFFICE_FONTS, variant)
    arguments.output.parent.mkdir(parents=True, exist_ok=True)
    temporary = arguments.output.with_suffix(".docx.tmp")
    temporary.write_bytes(data)
    temporary.replace(arguments.output)
    print(f"wrote {arguments.output} ({variant}, {len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
