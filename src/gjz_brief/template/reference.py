"""A template's reference.docx, reduced to what carries the Word styles (issue #17).

Every generated DOCX starts from the reference document, so whatever it holds would be
copied into every briefing: a macro project, a template Word fetches from a web address
when the file is opened, embedded objects. Only the style-bearing parts are taken:

- ``word/styles.xml`` (the styles), ``word/numbering.xml`` (lists a style may use, without
  picture bullets), ``word/theme/theme1.xml`` (theme fonts and colours),
  ``word/fontTable.xml`` (without embedded fonts), ``word/settings.xml`` (without the
  settings that point elsewhere: attached template, mail merge, XSLT, protection);
- from ``word/document.xml`` only the final section properties (page setup), without
  header, footer or printer-settings references;
- ``docProps/core.xml``; ``docProps/app.xml`` is written anew.

Everything else is left out. Parts nobody would miss (headers, footers, comments, sample
images, web settings, the thumbnail) go silently; macros, embedded objects or controls,
external links and parts we do not know are named in a warning. The package is checked
before anything is inflated (``ziplimits``), each XML part is parsed without DTDs or
entities and its elements counted, so a hostile file is refused in milliseconds with its
name, the part and the line (exit 2), before any rendering.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from gjz_brief.errors import Location, TemplateError
from gjz_brief.ziplimits import ZipLimitError, ZipLimits, check_zip, read_part

# Real reference documents: ~15 parts, styles.xml 30-300 kB (Word's latent styles, WPS).
REFERENCE_LIMITS = ZipLimits(parts=500, part_bytes=4 * 1024 * 1024, total_bytes=16 * 1024 * 1024)
MAX_XML_ELEMENTS = 100_000  # in one part; a rich styles.xml has about 5 000
MAX_ATTRIBUTE_CHARS = 10_000  # one attribute value or text of a kept part

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PACKAGE_RT = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
_WML_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml."

# relationship type (last word) → (canonical part name, content type)
_STYLE_PARTS = {
    "styles": ("word/styles.xml", _WML_CT + "styles+xml"),
    "numbering": ("word/numbering.xml", _WML_CT + "numbering+xml"),
    "theme": ("word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
    "fontTable": ("word/fontTable.xml", _WML_CT + "fontTable+xml"),
    "settings": ("word/settings.xml", _WML_CT + "settings+xml"),
}
_DOCUMENT = ("word/document.xml", _WML_CT + "document.main+xml")
_CORE = ("docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml")
_APP = (
    "docProps/app.xml",
    "application/vnd.openxmlformats-officedocument.extended-properties+xml",
)

# Settings that point outside the document or lock it; removed with their relationships.
_DROPPED_SETTINGS = (
    "attachedTemplate", "mailMerge", "saveThroughXslt", "attachedSchema", "schemaLibrary",
    "documentProtection", "writeProtection", "removePersonalInformation", "rsids", "docVars",
)  # fmt: skip

# Parts of a Word file that carry no styles and nothing dangerous: left out silently.
_QUIET_PARTS = (
    "[Content_Types].xml", "_rels/", "word/_rels/", "word/header", "word/footer",
    "word/footnotes", "word/endnotes", "word/comments", "word/commentsExtended",
    "word/commentsIds", "word/commentsExtensible", "word/people", "word/webSettings",
    "word/stylesWithEffects", "word/media/", "word/glossary/", "word/theme/",
    "word/printerSettings/", "docProps/", "customXml/", "word/customizations",
    "word/document", "word/styles", "word/numbering", "word/fontTable", "word/settings",
)  # fmt: skip
_MACRO_MARKS = ("vbaProject", "vbaData", "macroEnabled", "keyMap", "attachedToolbars")
_OBJECT_MARKS = ("embeddings/", "activeX/", "oleObject", "/package", "ctrlProp")


@dataclass(frozen=True)
class Reference:
    """The style-bearing package (DOCX bytes) and what was left out that a user must know."""

    data: bytes
    left_out: tuple[str, ...] = field(default=())

    def warning(self) -> str | None:
        if not self.left_out:
            return None
        return "left out of the Word output: " + "; ".join(self.left_out)


def load_reference(raw: bytes, path: Path) -> Reference:
    """Check and reduce the bytes of ``path`` (a reference.docx); TemplateError if unusable."""
    display = str(path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except zipfile.BadZipFile:
        raise TemplateError(
            "reference.docx is not a Word .docx file",
            Location(display),
            "save it from Word as .docx (Word document), or delete it to use the built-in styles",
        ) from None
    with archive:
        try:
            entries = {info.filename: info for info in check_zip(archive, REFERENCE_LIMITS)}
            return _reduce(archive, entries, display)
        except ZipLimitError as error:
            raise TemplateError(
                f"cannot be used as the reference document: {error.message}",
                Location(display),
                "open it in Word and save it again as .docx; a reference document needs only "
                "its styles (see 'Limits' in the README)",
            ) from None


class _Package:
    def __init__(self, archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], display: str):
        self.archive = archive
        self.entries = entries
        self.display = display
        self.left_out: list[str] = []

    def bytes_of(self, name: str) -> bytes | None:
        info = self.entries.get(name)
        return read_part(self.archive, info) if info is not None else None

    def xml(self, name: str) -> etree._Element | None:
        data = self.bytes_of(name)
        return None if data is None else parse_part(data, name, self.display)

    def relationships(self, source: str) -> list[tuple[str, str, str, bool]]:
        """(id, type, target part name or URL, external) of the rels part of ``source``."""
        folder, base = posixpath.split(source)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        found = []
        for rel in root.iter(f"{{{_RELS}}}Relationship") if root is not None else ():
            target = rel.get("Target", "")
            external = rel.get("TargetMode") == "External"
            if not external:
                target = posixpath.normpath(
                    target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
                )
            found.append((rel.get("Id", ""), rel.get("Type", ""), target, external))
        return found


def parse_part(data: bytes, name: str, display: str) -> etree._Element:
    """An XML part parsed without DTDs, entities or network; bounded in elements and text."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else None
        raise TemplateError(
            f"{name} is not well-formed XML (line {line}: {_short(error.msg or 'syntax error')})",
            Location(display),
            "open it in Word and save it again as .docx, or delete it to use the built-in styles",
        ) from None
    for count, node in enumerate(root.iter(), start=1):
        if count > MAX_XML_ELEMENTS:
            raise TemplateError(
                f"{name} holds more than {MAX_XML_ELEMENTS} XML elements",
                Location(display),
                "a reference document needs only its styles: save a short document with them",
            )
        longest = max((len(v) for v in node.attrib.values()), default=0)
        if max(longest, len(node.text or "")) > MAX_ATTRIBUTE_CHARS:
            raise TemplateError(
                f"{name} holds a value of more than {MAX_ATTRIBUTE_CHARS} characters",
                Location(display),
                "open it in Word and save it again as .docx",
            )
    return root


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _reduce(
    archive: zipfile.ZipFile, entries: dict[str, zipfile.ZipInfo], display: str
) -> Reference:
    package = _Package(archive, entries, display)
    for source in entries:
        if source.endswith(".rels"):
            folder = posixpath.dirname(posixpath.dirname(source))
            owner = posixpath.join(folder, posixpath.basename(source)[: -len(".rels")])
            for _, kind, target, external in package.relationships(owner):
                if external:
                    package.left_out.append(
                        f"the external {kind.rsplit('/', 1)[-1]} link to {_short(target, 60)}"
                    )
    document_name = next(
        (
            target
            for _, kind, target, external in package.relationships("")
            if kind.endswith("/officeDocument") and not external
        ),
        None,
    )
    if document_name is None or document_name not in entries:
        raise TemplateError(
            "reference.docx has no Word document part (word/document.xml)",
            Location(display),
            "save it from Word as .docx (Word document), or delete it to use the built-in styles",
        )
    parts: dict[str, bytes] = {}
    content_types: dict[str, str] = {}
    kept_sources = {document_name}
    for _, kind, target, external in package.relationships(document_name):
        short = kind.rsplit("/", 1)[-1]
        if external or short not in _STYLE_PARTS or target not in entries:
            continue
        canonical, content_type = _STYLE_PARTS[short]
        if canonical in parts:
            continue
        root = package.xml(target)
        assert root is not None
        parts[canonical] = _serialise(_clean_part(short, root))
        content_types[canonical] = content_type
        kept_sources.add(target)
    document = package.xml(document_name)
    assert document is not None
    parts[_DOCUMENT[0]] = _serialise(_section_only(document))
    content_types[_DOCUMENT[0]] = _DOCUMENT[1]
    core_name = next(
        (
            target
            for _, kind, target, external in package.relationships("")
            if kind == _PACKAGE_RT + "core-properties" and not external
        ),
        None,
    )
    if core_name is not None and core_name in entries:
        core = package.xml(core_name)
        assert core is not None
        parts[_CORE[0]] = _serialise(core)
        content_types[_CORE[0]] = _CORE[1]
        kept_sources.add(core_name)
    parts[_APP[0]] = _APP_XML
    content_types[_APP[0]] = _APP[1]
    for name in sorted(entries):
        if name in kept_sources or name.endswith("/"):
            continue
        described = _describe_left_out(name, entries)
        if described is not None:
            package.left_out.append(described)
    parts["word/_rels/document.xml.rels"] = _relationships(
        [(f"rId{i}", _OFFICE_RT + kind, posixpath.relpath(name, "word"))
         for i, (kind, (name, _)) in enumerate(_STYLE_PARTS.items(), start=1) if name in parts]
    )  # fmt: skip
    package_rels = [("rId1", _OFFICE_RT + "officeDocument", _DOCUMENT[0])]
    if _CORE[0] in parts:
        package_rels.append(("rId2", _PACKAGE_RT + "core-properties", _CORE[0]))
    package_rels.append(("rId3", _OFFICE_RT + "extended-properties", _APP[0]))
    parts["_rels/.rels"] = _relationships(package_rels)
    parts["[Content_Types].xml"] = _content_types(content_types)
    data = _zip(parts)
    _check_opens(data, display)
    return Reference(data, tuple(dict.fromkeys(package.left_out)))


def _describe_left_out(name: str, entries: dict[str, zipfile.ZipInfo]) -> str | None:
    if any(mark in name for mark in _MACRO_MARKS):
        return f"{name} (macros)"
    if any(mark in name for mark in _OBJECT_MARKS):
        return f"{name} (an embedded object or control)"
    if name.startswith(_QUIET_PARTS):
        return None
    return f"{name} (a part gjz-brief does not use)"


def _clean_part(kind: str, root: etree._Element) -> etree._Element:
    """Remove what points at other parts or outside: every element with an r: attribute,
    picture bullets, embedded fonts, and the settings that link elsewhere or lock the file."""
    if kind == "settings":
        for name in _DROPPED_SETTINGS:
            for node in root.findall(f"{{{_W}}}{name}"):
                root.remove(node)
    if kind == "numbering":
        for name in ("numPicBullet", "lvlPicBulletId"):
            for node in list(root.iter(f"{{{_W}}}{name}")):
                _remove(node)
    for node in list(root.iter()):
        if any(key.startswith(f"{{{_R}}}") for key in node.attrib):
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
    return root


def _remove(node: etree._Element) -> None:
    parent = node.getparent()
    if parent is not None:
        parent.remove(node)


def _section_only(document: etree._Element) -> etree._Element:
    """The document element with an empty body but for its final section properties."""
    body = document.find(f"{{{_W}}}body")
    section = (
        body[-1] if body is not None and len(body) and body[-1].tag == f"{{{_W}}}sectPr" else None
    )
    for child in list(document):
        document.remove(child)
    new_body = etree.SubElement(document, f"{{{_W}}}body")
    if section is not None:
        for node in list(section.iter()):
            if any(key.startswith(f"{{{_R}}}") for key in node.attrib) and node is not section:
                _remove(node)
        new_body.append(section)
    return document


def _serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _relationships(rels: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{_RELS}}}Relationships", nsmap={None: _RELS})
    for rel_id, kind, target in rels:
        etree.SubElement(root, f"{{{_RELS}}}Relationship", Id=rel_id, Type=kind, Target=target)
    return _serialise(root)


def _content_types(overrides: dict[str, str]) -> bytes:
    root = etree.Element(f"{{{_TYPES}}}Types", nsmap={None: _TYPES})
    etree.SubElement(
        root,
        f"{{{_TYPES}}}Default",
        Extension="rels",
        ContentType="application/vnd.openxmlformats-package.relationships+xml",
    )
    etree.SubElement(root, f"{{{_TYPES}}}Default", Extension="xml", ContentType="application/xml")
    for name, content_type in sorted(overrides.items()):
        etree.SubElement(
            root, f"{{{_TYPES}}}Override", PartName="/" + name, ContentType=content_type
        )
    return _serialise(root)


_APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties"><Application>gjz-brief</Application></Properties>'
)


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in ("[Content_Types].xml", "_rels/.rels"):
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), parts[name])
        for name in sorted(set(parts) - {"[Content_Types].xml", "_rels/.rels"}):
            archive.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), parts[name])
    return buffer.getvalue()


def _check_opens(data: bytes, display: str) -> None:
    """python-docx must open what we kept: found now, before any rendering."""
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        document.styles.element  # noqa: B018 - parses the styles part
        document.settings.element  # noqa: B018
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds on bad parts
        raise TemplateError(
            f"reference.docx cannot be opened as a Word document ({type(error).__name__}: "
            f"{_short(str(error))})",
            Location(display),
            "open it in Word and save it again as .docx, or delete it to use the built-in styles",
        ) from None
