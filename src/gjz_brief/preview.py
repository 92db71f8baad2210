"""`gjz-brief preview`: page thumbnails and a contact sheet of a built PDF."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from gjz_brief.errors import ExternalToolError, Location, OutputError
from gjz_brief.output.atomic import check_own_entries, write_files_atomically

PREVIEW_DIR = "preview"
THUMBNAIL_DPI = 50
SHEET_COLUMNS = 4


def render_pages(pdf: Path, dpi: int = THUMBNAIL_DPI) -> list[bytes]:
    """PNG bytes of every page, rendered by poppler's pdftoppm."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ExternalToolError(
            "pdftoppm is not installed",
            None,
            "install poppler-utils: apt-get install poppler-utils",
        )
    with tempfile.TemporaryDirectory(prefix="gjz-preview-") as temp:
        completed = subprocess.run(
            [tool, "-r", str(dpi), "-png", str(pdf), f"{temp}/page"],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        if completed.returncode != 0:
            raise ExternalToolError(
                f"pdftoppm failed: {completed.stderr.strip()}", Location(str(pdf))
            )
        return [p.read_bytes() for p in sorted(Path(temp).glob("page-*.png"))]


def contact_sheet(pages: list[bytes], columns: int = SHEET_COLUMNS) -> bytes:
    from PIL import Image  # Pillow comes with matplotlib

    images = [Image.open(io.BytesIO(data)).convert("RGB") for data in pages]
    width = max(i.width for i in images)
    height = max(i.height for i in images)
    gap = 12
    rows = (len(images) + columns - 1) // columns
    sheet = Image.new(
        "RGB", (columns * (width + gap) + gap, rows * (height + gap) + gap), (200, 200, 200)
    )
    for index, image in enumerate(images):
        row, column = divmod(index, columns)
        sheet.paste(image, (gap + column * (width + gap), gap + row * (height + gap)))
    buffer = io.BytesIO()
    sheet.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make_preview(out_dir: Path) -> Path:
    pdf = out_dir / "briefing.pdf"
    if not pdf.is_file():
        raise OutputError(
            "no briefing.pdf to preview",
            Location(str(pdf)),
            "run 'gjz-brief build' first, or give the folder with --out",
        )
    pages = render_pages(pdf)
    files = {f"page-{i:02d}.png": data for i, data in enumerate(pages, start=1)}
    files["contact-sheet.png"] = contact_sheet(pages)
    check_own_entries(out_dir, (PREVIEW_DIR,))  # never written through a planted link
    folder = out_dir / PREVIEW_DIR
    for stale in folder.glob("page-*.png") if folder.is_dir() else []:
        if stale.name not in files:
            stale.unlink()
    write_files_atomically(folder, files)
    return folder / "contact-sheet.png"
