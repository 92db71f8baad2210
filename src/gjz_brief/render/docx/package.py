"""Package-level parts: settings, font table, core/app properties and reproducible zip bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Mapping

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from gjz_brief.document.tree import DocumentMeta
from gjz_brief.render.docx.ooxml import element

FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
LAST_MODIFIED_BY = "gjz-brief"

# Names Word on an office PC may fall back to when the _GB2312 / 方正 fonts are missing.
ALTERNATE_FONT_NAMES = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "方正小标宋_GBK",
    "黑体": "SimHei",
    "宋体": "SimSun",
    "仿宋": "FangSong",
    "楷体": "KaiTi",
}

_UNWANTED_DOCUMENT_RELATIONSHIPS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.NUMBERING,
)
_CONTENT_RELATIONSHIPS = (RT.IMAGE, RT.HYPERLINK, RT.HEADER, RT.FOOTER, RT.CHART, RT.OLE_OBJECT)


def prune_template_parts(document: DocxDocument) -> None:
    """Drop the parts of python-docx's template that we do not use (thumbnail, customXml…)."""
    package_rels = document.part.package.rels
    for rel_id, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rel_id)
    document_rels = document.part.rels
    for rel_id, rel in list(document_rels.items()):
        if rel.reltype in _UNWANTED_DOCUMENT_RELATIONSHIPS:
            document_rels.pop(rel_id)


def drop_unreferenced_content(document: DocxDocument) -> None:
    """Remove image/header/footer/hyperlink relationships the body no longer references."""
    used = {
        value
        for node in document.element.iter()
        for name, value in node.attrib.items()
        if name.startswith(f"{{{_R_NAMESPACE}}}")
    }
    rels = document.part.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype in _CONTENT_RELATIONSHIPS and rel_id not in used:
            rels.pop(rel_id)


_R_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def configure_settings(document: DocxDocument, *, clean: bool) -> None:
    """Even/odd footers, Chinese theme language; no update-fields-on-open.

    The fields' stored results are right when the file is written (the contents carry the
    PDF layout's page numbers), so Word is not told to ask about updating them on opening;
    a reference document's own w:updateFields is dropped for the same reason.
    """
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True
    root = settings.element
    for node in root.findall(qn("w:updateFields")):
        root.remove(node)
    if not clean:
        return
    for tag in ("w:rsids", "w:savePreviewPicture", "w:attachedTemplate"):
        for node in root.findall(qn(tag)):
            root.remove(node)
    language = root.find(qn("w:themeFontLang"))
    if language is not None:
        language.set(qn("w:eastAsia"), "zh-CN")
    # Word 2013+ layout, so current Word does not open the file in 兼容模式.
    for setting in root.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")


def set_punctuation_compression(document: DocxDocument, compressed: bool) -> None:
    """The theme's ``punctuation`` in Word's terms: w:characterSpacingControl (文字间距控制)
    ``compressPunctuation`` (只压缩标点) or ``doNotCompress`` (不压缩), ECMA-376 §17.15.1.18.
    Word applies it; LibreOffice 7.4 neither reads nor writes it (its own setting,
    CharacterCompressionType, has no DOCX form), so there the marks keep their full cells."""
    root = document.settings.element
    value = "compressPunctuation" if compressed else "doNotCompress"
    control = root.find(qn("w:characterSpacingControl"))
    if control is None:
        control = element("w:characterSpacingControl")
        _insert_before(root, control, _AFTER_CHARACTER_SPACING)
    control.set(qn("w:val"), value)


# w:settings children after w:characterSpacingControl, in the schema's order.
_AFTER_CHARACTER_SPACING = (
    "printTwoOnOne", "strictFirstAndLastChars", "noLineBreaksAfter", "noLineBreaksBefore",
    "savePreviewPicture", "doNotValidateAgainstSchema", "saveInvalidXml", "ignoreMixedContent",
    "alwaysShowPlaceholderText", "doNotDemarcateInvalidXml", "saveXmlDataOnly",
    "useXSLTWhenSaving", "saveThroughXslt", "showXMLTags", "alwaysMergeEmptyNamespace",
    "updateFields", "hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars",
    "rsids", "mathPr", "attachedSchema", "themeFontLang", "clrSchemeMapping",
    "doNotIncludeSubdocsInStats", "doNotAutoCompressPictures", "forceUpgrade", "captions",
    "readModeInkLockDown", "smartTagType", "schemaLibrary", "shapeDefaults",
    "doNotEmbedSmartTags", "decimalSymbol", "listSeparator",
)  # fmt: skip


def _insert_before(parent: etree._Element, new: etree._Element, successors: Iterable[str]):
    names = {qn(f"w:{name}") for name in successors}
    for child in parent:
        if child.tag in names:
            child.addprevious(new)
            return
    parent.append(new)


def ensure_font_table(document: DocxDocument, office_names: Iterable[str], *, clean: bool):
    """Declare the office fonts (GB2312 charset, a fallback name) in word/fontTable.xml."""
    part = _related_part(document, RT.FONT_TABLE)
    if part is None:
        return
    root = etree.fromstring(part.blob)
    if clean:
        for font in list(root):
            root.remove(font)
    declared = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name in sorted(set(office_names)):
        if name in declared:
            continue
        font = element("w:font", {"name": name})
        if name in ALTERNATE_FONT_NAMES:
            font.append(element("w:altName", {"val": ALTERNATE_FONT_NAMES[name]}))
        font.append(element("w:charset", {"val": "86"}))
        font.append(element("w:family", {"val": "modern"}))
        font.append(element("w:pitch", {"val": "fixed"}))
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _related_part(document: DocxDocument, reltype: str):
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            return rel.target_part
    return None


def set_core_properties(document: DocxDocument, meta: DocumentMeta) -> None:
    stamp = dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.timezone.utc)
    core = document.core_properties
    core.title = meta.title
    core.author = meta.author
    core.subject = meta.subject
    core.keywords = "；".join(meta.keywords)
    core.created = stamp
    core.modified = stamp
    for printed in core._element.findall(qn("cp:lastPrinted")):
        core._element.remove(printed)  # a reference document may carry one
    core.last_modified_by = LAST_MODIFIED_BY
    core.revision = 1
    core.language = meta.language
    core.comments = ""
    core.category = ""
    _set_app_properties(document, meta)


def _set_app_properties(document: DocxDocument, meta: DocumentMeta) -> None:
    """Replace the template's app.xml (it names 'Microsoft Macintosh Word')."""
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            namespace = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
            root = etree.Element(f"{{{namespace}}}Properties", nsmap={None: namespace})
            for name, value in (
                ("Template", "Normal.dotm"),
                ("Application", "gjz-brief"),
                ("DocSecurity", "0"),
                ("Company", meta.author),
                ("LinksUpToDate", "false"),
                ("SharedDoc", "false"),
                ("HyperlinksChanged", "false"),
            ):
                etree.SubElement(root, f"{{{namespace}}}{name}").text = value
            rel.target_part._blob = etree.tostring(
                root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


def reproducible_bytes(document: DocxDocument) -> bytes:
    """Save, then rewrite the zip with fixed entry order, timestamps and compression."""
    buffer = io.BytesIO()
    document.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes, extra: Mapping[str, bytes] | None = None) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        entries = {info.filename: source.read(info) for info in source.infolist()}
    entries.update(extra or {})
    first = ("[Content_Types].xml", "_rels/.rels")
    order = [name for name in first if name in entries]
    order += sorted(name for name in entries if name not in first)
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for name in order:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, entries[name], compresslevel=6)
    return output.getvalue()
