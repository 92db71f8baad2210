"""PDF/A-2u (ISO 19005-2, level U) and the catalog entries PDF/UA-1 (ISO 14289-1) asks for.

Written by ReportLab itself when the file is saved (no post-processing):
- the XMP metadata stream (§6.6.2), agreeing with the document information dictionary
  (§6.6.2.3.1): dc:title, dc:creator, dc:description, pdf:Keywords, pdf:Producer,
  pdf:Trapped, xmp:CreatorTool, xmp:CreateDate/ModifyDate from the build's reproducible
  date; the PDF/A identification pdfaid:part 2, pdfaid:conformance U (§6.6.4) and the PDF/UA
  one, pdfuaid:part 1, with its extension schema description (§6.6.2.3.3);
- the sRGB output intent (§6.2.3), its ICC profile read from an installed package
  (Debian's icc-profiles-free, installed by scripts/setup; ``GJZ_BRIEF_SRGB_PROFILE`` may
  name another sRGB profile file) — never drawn up here;
- /MarkInfo, /StructTreeRoot (tagging.py), /ViewerPreferences /DisplayDocTitle, /Lang and
  /PageLabels in the catalog, /StructParents and /Tabs /S on the pages.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFStream,
    PDFString,
)
from reportlab.pdfbase.pdfdoc import format as pdf_format

from gjz_brief.errors import Location, RenderError

# Where Debian/Ubuntu's icc-profiles-free installs its sRGB profile (ICC v2, "use freely").
SRGB_PROFILES = (Path("/usr/share/color/icc/sRGB.icc"),)
PROFILE_VARIABLE = "GJZ_BRIEF_SRGB_PROFILE"  # an explicit profile file, e.g. on another OS
OUTPUT_CONDITION = "sRGB IEC61966-2.1"
PDF_VERSION = (1, 7)  # ISO 19005-2 is based on ISO 32000-1 (PDF 1.7)


@lru_cache(maxsize=4)
def _read_profile(path: str, size: int, mtime_ns: int) -> bytes:
    return Path(path).read_bytes()


def srgb_profile() -> bytes:
    """The bytes of an installed sRGB ICC profile (RGB data colour space, display class).

    Raises RenderError when none is installed: a PDF/A file needs one (ISO 19005-2 §6.2.3).
    """
    explicit = os.environ.get(PROFILE_VARIABLE)
    candidates = [Path(explicit)] if explicit else list(SRGB_PROFILES)
    for path in candidates:
        try:
            stat = path.stat()
            data = _read_profile(str(path), stat.st_size, stat.st_mtime_ns)
        except OSError:
            continue
        if len(data) >= 128 and data[36:40] == b"acsp" and data[16:20] == b"RGB ":
            return data
        if explicit:
            raise RenderError(
                f"{path} is not an RGB ICC profile",
                Location(file=str(path)),
                hint=f"point {PROFILE_VARIABLE} at an sRGB .icc file, or unset it",
            )
    raise RenderError(
        "no sRGB ICC profile is installed; the PDF/A output intent needs one",
        Location(file=str(candidates[0])),
        hint="install it with scripts/setup (Debian package icc-profiles-free), or set "
        f"{PROFILE_VARIABLE} to an sRGB .icc file",
    )


def output_intent(document: Any) -> PDFArray:
    """/OutputIntents: one GTS_PDFA1 intent with the sRGB profile (ISO 19005-2 §6.2.3)."""
    profile = PDFStream(PDFDictionary({"N": 3}), srgb_profile())
    intent = PDFDictionary(
        {
            "Type": PDFName("OutputIntent"),
            "S": PDFName("GTS_PDFA1"),
            "OutputConditionIdentifier": PDFString(OUTPUT_CONDITION),
            "Info": PDFString(OUTPUT_CONDITION),
            "DestOutputProfile": document.Reference(profile, "SRGBProfile"),
        }
    )
    return PDFArray([document.Reference(intent, "OutputIntent")])


def xmp_date(moment: dt.datetime) -> str:
    """ISO 8601 with the UTC offset, as XMP dates are written (2020-04-30T00:00:00+08:00)."""
    return moment.isoformat(timespec="seconds")


def xmp_packet(
    *,
    title: str,
    author: str,
    subject: str,
    keywords: str,
    creator: str,
    producer: str,
    created: dt.datetime,
    language: str,
    document_id: str,
) -> bytes:
    """The XMP packet (UTF-8, no ``bytes`` attribute, read-only trailer)."""

    def text(value: str) -> str:
        # as xml.sax.saxutils.escape with &quot; (which would import urllib, http and ssl)
        return (
            value.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace('"', "&quot;")
        )

    date = xmp_date(created)
    lang = text(language or "x-default")
    description = ""
    if subject:
        description = (
            "<dc:description><rdf:Alt>"
            f'<rdf:li xml:lang="x-default">{text(subject)}</rdf:li>'
            "</rdf:Alt></dc:description>"
        )
    creator_list = ""
    if author:
        creator_list = (
            f"<dc:creator><rdf:Seq><rdf:li>{text(author)}</rdf:li></rdf:Seq></dc:creator>"
        )
    keywords_entry = f"<pdf:Keywords>{text(keywords)}</pdf:Keywords>" if keywords else ""
    packet = f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{text(title)}</rdf:li></rdf:Alt></dc:title>
{creator_list}
{description}
<dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
{keywords_entry}
<pdf:Producer>{text(producer)}</pdf:Producer>
<pdf:Trapped>False</pdf:Trapped>
<xmp:CreatorTool>{text(creator)}</xmp:CreatorTool>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmpMM:DocumentID>{text(document_id)}</xmpMM:DocumentID>
<xmpMM:InstanceID>{text(document_id)}</xmpMM:InstanceID>
<pdfaid:part>2</pdfaid:part>
<pdfaid:conformance>U</pdfaid:conformance>
<pdfuaid:part>1</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>"""
    return "\n".join(line for line in packet.splitlines() if line).encode("utf-8")


class UnfilteredStream(PDFStream):
    """A stream written as it is: no /Filter key at all (ReportLab writes ``/Filter []``
    for a stream without filters), an end-of-line before ``endstream``."""

    def format(self, document: Any) -> bytes:
        entries = PDFDictionary(dict(self.dictionary.dict))
        content = self.content if isinstance(self.content, bytes) else self.content.encode()
        entries["Length"] = len(content)
        return pdf_format(entries, document) + b"\nstream\n" + content + b"\nendstream\n"


def metadata_stream(packet: bytes) -> PDFStream:
    """/Metadata: /Type /Metadata /Subtype /XML, not compressed, so tools that read XMP
    without a PDF parser find it (ISO 19005-2 §6.6.2.1)."""
    return UnfilteredStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}), packet
    )


@contextlib.contextmanager
def streams_ending_in_eol() -> Iterator[None]:
    """Every stream's data followed by an end-of-line before ``endstream``, not counted in
    /Length (ISO 19005-2 §6.1.7.1). ReportLab writes binary (unencoded) streams with
    ``endstream`` straight after the data; its stream writer is wrapped for one build
    and restored afterwards, as the build does for ``rl_config.useA85``."""
    original = PDFStream.format

    def format_with_eol(stream: PDFStream, document: Any) -> bytes:
        written = original(stream, document)
        if written.endswith(_END):
            return written[: -len(_END)] + b"\n" + _END
        return written

    PDFStream.format = format_with_eol  # type: ignore[assignment]
    try:
        yield
    finally:
        PDFStream.format = original  # type: ignore[method-assign]


_END = b"endstream\n"


def add_catalog_entries(catalog: Any, **entries: Any) -> None:
    """Set catalog entries ReportLab's PDFCatalog does not list itself (OutputIntents)."""
    names = list(catalog.__NoDefault__)
    for key, value in entries.items():
        setattr(catalog, key, value)
        if key not in names:
            names.append(key)
    catalog.__NoDefault__ = names


def add_page_entries(page: Any, **entries: Any) -> None:
    """Set page dictionary entries ReportLab's PDFPage does not list (StructParents, Tabs)."""
    names = list(page.__NoDefault__)
    for key, value in entries.items():
        setattr(page, key, value)
        if key not in names:
            names.append(key)
    page.__NoDefault__ = names


def page_labels(
    canvas: Any, front: Sequence[tuple[int, str]], body_start: int | None, page_count: int
) -> None:
    """/PageLabels: named front pages (0-based page, label) and arabic numbers from 1 on
    the first body page, so the viewer shows what the page prints (— 1 — is page "1")."""
    for page, label in front:
        if page < page_count:
            canvas.addPageLabel(page, prefix=label)
    if body_start is not None and body_start < page_count:
        canvas.addPageLabel(body_start, style="D", start=1)


__all__ = [
    "PDF_VERSION",
    "PROFILE_VARIABLE",
    "SRGB_PROFILES",
    "add_catalog_entries",
    "add_page_entries",
    "metadata_stream",
    "output_intent",
    "page_labels",
    "srgb_profile",
    "streams_ending_in_eol",
    "xmp_packet",
]
