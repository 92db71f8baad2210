"""PDF/A-2u (ISO 19005-2:2011, level U), clause by clause, on the PDFs of all three templates.

veraPDF cannot be installed on these machines, so each requirement a briefing can meet or
break is checked here on the real output, named by its clause (the clause numbers and
titles of ISO 19005-2, as veraPDF's PDF/A-2 rules use them). Clauses about things the
briefing never contains (images, JPEG2000, forms, signatures, embedded files, optional
content, PostScript) are checked as "not present".
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
import pytest
from fontTools.ttLib import TTFont
from pdf_reading import TEMPLATES, Reader

from gjz_brief.render.pdf.archive import srgb_profile

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
# Namespaces of the schemas XMP 2005 predefines; any other needs an extension schema.
PREDEFINED = {
    NS["rdf"], NS["dc"], NS["pdf"], NS["xmp"], NS["pdfaid"], NS["pdfaExtension"],
    NS["pdfaSchema"], NS["pdfaProperty"], "http://ns.adobe.com/xap/1.0/mm/", NS["x"],
    "http://www.w3.org/XML/1998/namespace",
}  # fmt: skip
# ISO 32000-1 Annex A: every content stream operator.
OPERATORS = set(
    re.split(
        r"\s+",
        "b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID "
        "j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr "
        "Ts Tw Tz v w W W* y ' \"",
    )
)


@pytest.fixture(scope="module", params=TEMPLATES)
def pdf_path(request, template_builds) -> Path:  # noqa: ANN001
    return template_builds[request.param] / "briefing.pdf"


@pytest.fixture(scope="module")
def pdf(pdf_path: Path) -> pikepdf.Pdf:
    return pikepdf.open(pdf_path)


@pytest.fixture(scope="module")
def reader(pdf_path: Path) -> Reader:
    return Reader(pdf_path)


def _objects(pdf: pikepdf.Pdf) -> list[pikepdf.Object]:
    return [o for o in pdf.objects if isinstance(o, (pikepdf.Dictionary, pikepdf.Stream))]


def _fonts(pdf: pikepdf.Pdf) -> list[pikepdf.Dictionary]:
    return [o for o in _objects(pdf) if o.get("/Type") == "/Font"]


def _xmp(pdf: pikepdf.Pdf) -> ElementTree.Element:
    return ElementTree.fromstring(pdf.Root.Metadata.read_bytes())


def _xmp_text(root: ElementTree.Element, path: str) -> str | None:
    element = root.find(f".//{path}", NS)
    return None if element is None else (element.text or "")


# --- 6.1 File structure ------------------------------------------------------------------
def test_6_1_2_file_header(pdf_path: Path) -> None:
    """6.1.2: %PDF-1.n (n ≤ 7), then a comment of at least four bytes above 127."""
    head = pdf_path.read_bytes()[:64]
    assert re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", head), head


def test_6_1_3_file_trailer(pdf_path: Path, pdf: pikepdf.Pdf) -> None:
    """6.1.3: an /ID in the trailer, no /Encrypt, nothing after %%EOF but one end of line."""
    identifier = pdf.trailer.ID
    assert len(identifier) == 2 and all(len(bytes(part)) == 16 for part in identifier)
    assert "/Encrypt" not in pdf.trailer and not pdf.is_encrypted
    data = pdf_path.read_bytes()
    assert data.rstrip(b"\r\n").endswith(b"%%EOF") and len(data) - data.rfind(b"%%EOF") <= 7


def test_6_1_4_cross_reference_table(pdf_path: Path) -> None:
    """6.1.4: xref keyword and subsection header on lines of their own; qpdf finds the
    table and every object where it says."""
    data = pdf_path.read_bytes()
    assert re.search(rb"\nxref\n0 \d+\n0000000000 65535 f", data)
    checked = subprocess.run(["qpdf", "--check", str(pdf_path)], capture_output=True, text=True)
    assert checked.returncode == 0 and "WARNING" not in checked.stdout + checked.stderr


def test_6_1_7_1_streams(pdf_path: Path, pdf: pikepdf.Pdf) -> None:
    """6.1.7.1: /Length is the data's length exactly, ``stream`` is followed by an EOL and
    ``endstream`` preceded by one; no /F, /FFilter or /FDecodeParms."""
    data = pdf_path.read_bytes()
    count = 0
    for match in re.finditer(rb"(?<!end)stream(\r\n|\n)", data):
        start = match.end()
        dictionary = data[data.rfind(b" obj", 0, match.start()) : match.start()]
        length = int(re.findall(rb"/Length (\d+)", dictionary)[-1])
        assert re.match(rb"\r?\nendstream", data[start + length : start + length + 11])
        count += 1
    assert count == data.count(b"endstream") > 10
    for stream in (o for o in _objects(pdf) if isinstance(o, pikepdf.Stream)):
        assert not {"/F", "/FFilter", "/FDecodeParms"} & set(stream.keys())


def test_6_1_7_2_filters(pdf: pikepdf.Pdf) -> None:
    """6.1.7.2: no LZWDecode, no Crypt filter."""
    for stream in (o for o in _objects(pdf) if isinstance(o, pikepdf.Stream)):
        filters = stream.get("/Filter")
        names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
        assert not {"/LZWDecode", "/Crypt"} & {str(name) for name in names}


def test_6_1_12_permissions_and_6_11_document_requirements(pdf: pikepdf.Pdf) -> None:
    """6.1.12: no /Perms (beyond UR3/DocMDP); 6.11: no /Requirements in the catalog."""
    assert "/Perms" not in pdf.Root and "/Requirements" not in pdf.Root


def test_6_1_13_implementation_limits(pdf: pikepdf.Pdf, reader: Reader) -> None:
    """6.1.13: integers within ±2³¹, names ≤ 127 bytes, strings ≤ 32767 bytes, graphics
    state nesting (q) ≤ 28, CIDs none (simple fonts only)."""

    def visit(value: pikepdf.Object) -> None:
        if isinstance(value, pikepdf.Dictionary | pikepdf.Stream):
            for key, item in value.items():
                assert len(key.encode()) - 1 <= 127
                if key not in ("/Parent", "/P", "/Pg", "/Obj", "/K", "/Dest", "/First",
                               "/Last", "/Next", "/Prev", "/Kids"):  # fmt: skip
                    visit(item)
        elif isinstance(value, pikepdf.Array):
            for item in value:
                visit(item)
        elif isinstance(value, int):
            assert -(2**31) <= int(value) <= 2**31 - 1
        elif isinstance(value, pikepdf.String):
            assert len(bytes(value)) <= 32767

    for obj in _objects(pdf):
        visit(obj)
    assert max(page.max_q_depth for page in reader.pages) <= 28


# --- 6.2 Graphics ------------------------------------------------------------------------
def test_6_2_2_content_streams(reader: Reader) -> None:
    """6.2.2: only operators defined in ISO 32000-1 (none hidden in BX/EX)."""
    used = set().union(*(page.operators for page in reader.pages))
    assert used <= OPERATORS, used - OPERATORS
    assert not {"BX", "EX"} & used


def test_6_2_3_output_intent(pdf: pikepdf.Pdf) -> None:
    """6.2.3: one GTS_PDFA1 output intent whose profile is the installed sRGB profile
    (an RGB display profile of ICC version ≤ 4), no DestOutputProfileRef."""
    intents = pdf.Root.OutputIntents
    assert len(intents) == 1
    intent = intents[0]
    assert intent.S == "/GTS_PDFA1" and intent.Type == "/OutputIntent"
    assert str(intent.OutputConditionIdentifier)
    assert "/DestOutputProfileRef" not in intent
    profile = intent.DestOutputProfile
    data = profile.read_bytes()
    assert int(profile.N) == 3
    assert data == srgb_profile()  # the packaged profile, byte for byte
    assert data[36:40] == b"acsp" and data[16:20] == b"RGB " and data[12:16] == b"mntr"
    assert data[8] <= 4  # ICC major version


def test_6_2_4_3_device_colour_spaces(reader: Reader, pdf: pikepdf.Pdf) -> None:
    """6.2.4.3: DeviceRGB (and DeviceGray) only, allowed by the RGB output intent; no
    DeviceCMYK (no k/K operators, no colour space resources or cs/CS operators at all)."""
    used = set().union(*(page.operators for page in reader.pages))
    assert "rg" in used or "RG" in used
    assert not {"k", "K", "cs", "CS", "sc", "SC", "scn", "SCN"} & used
    for obj in _objects(pdf):
        resources = obj.get("/Resources")
        if isinstance(resources, pikepdf.Dictionary):
            assert "/ColorSpace" not in resources or not len(resources.ColorSpace)


def test_6_2_5_extended_graphics_state_and_6_2_10_transparency(pdf: pikepdf.Pdf) -> None:
    """6.2.5: no TR, TR2 other than Default, HTP, HTO; 6.2.10: nothing transparent (no soft
    masks, constant alpha 1, blend mode Normal, no transparency groups)."""
    for obj in _objects(pdf):
        if obj.get("/Type") == "/ExtGState" or "/CA" in obj or "/ca" in obj:
            assert "/TR" not in obj and "/HTP" not in obj and "/HTO" not in obj
            assert obj.get("/TR2", "/Default") == "/Default"
            assert obj.get("/SMask", "/None") == "/None"
            assert float(obj.get("/CA", 1)) == 1.0 and float(obj.get("/ca", 1)) == 1.0
            assert obj.get("/BM", "/Normal") in ("/Normal", "/Compatible")
        assert "/SMask" not in obj or obj.SMask == "/None"
        group = obj.get("/Group")
        assert group is None or group.get("/S") != "/Transparency"


def test_6_2_6_rendering_intents(pdf: pikepdf.Pdf, reader: Reader) -> None:
    """6.2.6: rendering intents, where named, are one of the four standard ones."""
    standard = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}
    for obj in _objects(pdf):
        if "/RI" in obj:
            assert obj.RI in standard
    assert "ri" not in set().union(*(page.operators for page in reader.pages))


def test_6_2_8_images_and_6_2_9_xobjects(pdf: pikepdf.Pdf) -> None:
    """6.2.8: no images (charts are vectors; nothing with /Alternates, /OPI, /Interpolate);
    6.2.9: form XObjects without /OPI, /Subtype2 /PS or /Ref; no PostScript XObjects."""
    xobjects = [o for o in _objects(pdf) if o.get("/Type") == "/XObject" or "/BBox" in o]
    for xobject in xobjects:  # the charts and the contents' page numbers
        assert xobject.get("/Subtype") == "/Form"
        assert not {"/OPI", "/Subtype2", "/Ref", "/Alternates"} & set(xobject.keys())
    assert not [o for o in _objects(pdf) if o.get("/Subtype") in ("/Image", "/PS")]


# --- 6.2.11 Fonts ------------------------------------------------------------------------
def _used_codes(reader: Reader) -> dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]]:
    used: dict[tuple[int, int], tuple[pikepdf.Dictionary, set[int]]] = {}
    for page in reader.pages:
        for shown in page.shown:
            entry = used.setdefault(shown.font.objgen, (shown.font, set()))
            entry[1].update(shown.codes)
    return used


def _program(font: pikepdf.Dictionary) -> TTFont:
    return TTFont(io.BytesIO(font.FontDescriptor.FontFile2.read_bytes()))


def test_6_2_11_2_font_types_and_6_2_11_4_embedding(pdf: pikepdf.Pdf, reader: Reader) -> None:
    """6.2.11.2: standard font types; 6.2.11.4.1: every font program embedded (TrueType
    in /FontFile2) and every glyph shown defined in it; 6.2.11.4.2: subsets are named
    with a six-letter tag."""
    fonts = _fonts(pdf)
    assert fonts
    for font in fonts:
        assert font.Subtype == "/TrueType"
        assert "/FontFile2" in font.FontDescriptor
        assert re.fullmatch(r"/[A-Z]{6}\+.+", str(font.BaseFont))
    for font, codes in _used_codes(reader).values():
        program = _program(font)
        cmap = program["cmap"].tables[0].cmap
        order = program.getGlyphOrder()
        assert all(cmap.get(code) in order for code in codes), str(font.BaseFont)


def test_6_2_11_5_font_metrics(reader: Reader) -> None:
    """6.2.11.5: /Widths agree with the embedded program's advance widths for every glyph
    shown (within one thousandth of an em)."""
    for font, codes in _used_codes(reader).values():
        program = _program(font)
        units = program["head"].unitsPerEm
        cmap = program["cmap"].tables[0].cmap
        first = int(font.FirstChar)
        for code in codes:
            advance = program["hmtx"][cmap[code]][0] * 1000 / units
            assert abs(float(font.Widths[code - first]) - advance) <= 1.0, (font.BaseFont, code)


def test_6_2_11_6_character_encodings(pdf: pikepdf.Pdf) -> None:
    """6.2.11.6: a symbolic TrueType font has no /Encoding and exactly one cmap subtable;
    a non-symbolic one WinAnsi or MacRoman and a (3,1) or (1,0) cmap."""
    for font in _fonts(pdf):
        program = _program(font)
        tables = program["cmap"].tables
        if int(font.FontDescriptor.Flags) & 4:
            assert "/Encoding" not in font and len(tables) == 1
        else:
            assert font.get("/Encoding") in ("/WinAnsiEncoding", "/MacRomanEncoding")
            assert {(t.platformID, t.platEncID) for t in tables} & {(3, 1), (1, 0)}


def test_6_2_11_7_unicode_character_maps(pdf: pikepdf.Pdf, reader: Reader) -> None:
    """6.2.11.7 (level U): every glyph shown maps to Unicode through /ToUnicode, and no
    entry maps to U+0000, U+FEFF or U+FFFE."""
    for font in _fonts(pdf):
        for code, text in reader.unicode_of(font).items():
            assert text and not {"\x00", "\ufeff", "\ufffe"} & set(text), (font.BaseFont, code)
    for font, codes in _used_codes(reader).values():
        assert codes <= set(reader.unicode_of(font)), str(font.BaseFont)


def test_6_2_11_8_no_notdef(reader: Reader) -> None:
    """6.2.11.8: no text-showing operator reaches the .notdef glyph (glyph 0)."""
    for font, codes in _used_codes(reader).values():
        cmap = _program(font)["cmap"].tables[0].cmap
        names = _program(font).getGlyphOrder()
        assert all(cmap.get(code, names[0]) != names[0] for code in codes), str(font.BaseFont)


# --- 6.3 Annotations, 6.4 forms, 6.5 actions ---------------------------------------------
def test_6_3_annotations(pdf: pikepdf.Pdf) -> None:
    """6.3.1: only permitted types (the contents' links); 6.3.2: /F with Print set and
    Hidden, Invisible, NoView, ToggleNoView clear; 6.3.3: no appearance but /N."""
    annotations = [a for page in pdf.pages for a in page.obj.get("/Annots", [])]
    for annotation in annotations:
        assert annotation.Subtype == "/Link"
        flags = int(annotation.F)
        assert flags & 4 and not flags & (1 | 2 | 32 | 256)
        assert set(annotation.get("/AP", {}).keys()) <= {"/N"}


def test_6_4_forms_and_6_5_actions(pdf: pikepdf.Pdf) -> None:
    """6.4: no interactive form (no AcroForm, no XFA, no NeedAppearances); 6.5.1: links go
    to destinations, no forbidden action; 6.5.2: no additional actions (/AA)."""
    root = pdf.Root
    assert "/AcroForm" not in root and "/AA" not in root and "/OpenAction" not in root
    for obj in _objects(pdf):
        if obj.get("/Type") == "/StructElem":
            continue  # its /A holds attributes, not an action
        assert "/AA" not in obj
        action = obj.get("/A")
        assert action is None or action.get("/S") in ("/GoTo", "/GoToR", "/URI"), action


# --- 6.6 Metadata ------------------------------------------------------------------------
def test_6_6_2_1_metadata_stream(pdf: pikepdf.Pdf) -> None:
    """6.6.2.1: the catalog's /Metadata is an XMP packet in UTF-8, unfiltered, without the
    bytes or encoding attributes in its header."""
    metadata = pdf.Root.Metadata
    assert metadata.Type == "/Metadata" and metadata.Subtype == "/XML"
    assert "/Filter" not in metadata
    raw = metadata.read_raw_bytes()
    packet = raw.decode("utf-8")
    header = re.match(r"<\?xpacket ([^?]*)\?>", packet)
    assert header and "bytes=" not in header.group(1) and "encoding=" not in header.group(1)
    assert packet.rstrip().endswith('<?xpacket end="r"?>')
    ElementTree.fromstring(raw)  # well-formed


def _info_date(value: str) -> dt.datetime:
    match = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", value)
    assert match, value
    sign = 1 if match.group(2) == "+" else -1
    offset = dt.timedelta(hours=int(match.group(3)), minutes=int(match.group(4))) * sign
    return dt.datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone(offset))


def test_6_6_2_3_1_info_and_xmp_agree(pdf: pikepdf.Pdf) -> None:
    """6.6.2.3.1: each document information entry equals its XMP property."""
    info = pdf.docinfo
    xmp = _xmp(pdf)
    assert _xmp_text(xmp, "dc:title/rdf:Alt/rdf:li") == str(info.Title)
    creators = xmp.findall(".//dc:creator/rdf:Seq/rdf:li", NS)
    assert [c.text for c in creators] == [str(info.Author)]
    assert _xmp_text(xmp, "dc:description/rdf:Alt/rdf:li") == str(info.Subject)
    assert _xmp_text(xmp, "pdf:Keywords") == str(info.Keywords)
    assert _xmp_text(xmp, "xmp:CreatorTool") == str(info.Creator)
    assert _xmp_text(xmp, "pdf:Producer") == str(info.Producer)
    assert _xmp_text(xmp, "pdf:Trapped") == str(info.Trapped)[1:]
    created = dt.datetime.fromisoformat(_xmp_text(xmp, "xmp:CreateDate") or "")
    modified = dt.datetime.fromisoformat(_xmp_text(xmp, "xmp:ModifyDate") or "")
    assert created == _info_date(str(info.CreationDate))
    assert modified == _info_date(str(info.ModDate))


def test_6_6_2_3_2_extension_schemas(pdf: pikepdf.Pdf) -> None:
    """6.6.2.3.2/6.6.2.3.3: every property outside the predefined schemas (pdfuaid) is
    described by an extension schema: namespace, prefix and each property's name and
    value type."""
    xmp = _xmp(pdf)
    description = xmp.find(".//rdf:Description", NS)
    assert description is not None
    used = {child.tag[1:].split("}")[0] for child in description}
    described = {
        schema.findtext("pdfaSchema:namespaceURI", namespaces=NS): {
            p.findtext("pdfaProperty:name", namespaces=NS): p.findtext(
                "pdfaProperty:valueType", namespaces=NS
            )
            for p in schema.findall(".//pdfaSchema:property/rdf:Seq/rdf:li", NS)
        }
        for schema in xmp.findall(".//pdfaExtension:schemas/rdf:Bag/rdf:li", NS)
    }
    for namespace in used - PREDEFINED:
        assert namespace in described, namespace
    properties = {(child.tag[1:].split("}")[0], child.tag.split("}")[1]) for child in description}
    for namespace, name in properties:
        if namespace not in PREDEFINED:
            assert described[namespace].get(name) == "Integer", (namespace, name)


def test_6_6_4_version_and_conformance_level(pdf: pikepdf.Pdf) -> None:
    """6.6.4: pdfaid:part 2 and pdfaid:conformance U (and pdfuaid:part 1 for PDF/UA)."""
    xmp = _xmp(pdf)
    assert _xmp_text(xmp, "pdfaid:part") == "2"
    assert _xmp_text(xmp, "pdfaid:conformance") == "U"
    assert _xmp_text(xmp, "pdfuaid:part") == "1"


def test_6_8_embedded_files_and_6_9_optional_content(pdf: pikepdf.Pdf) -> None:
    """6.8: no embedded files; 6.9: no optional content; 6.10: no alternate presentations,
    no /PresSteps."""
    root = pdf.Root
    assert "/EmbeddedFiles" not in root.get("/Names", {}) and "/OCProperties" not in root
    assert "/AlternatePresentations" not in root.get("/Names", {})
    assert all("/PresSteps" not in page.obj for page in pdf.pages)


def test_rebuilds_are_byte_identical(tmp_path: Path, template_builds) -> None:  # noqa: ANN001
    """PDF/A adds no time stamp or random id: a rebuild writes the same bytes."""
    from cli_support import run_cli

    for template in TEMPLATES:
        out = tmp_path / template
        result = run_cli("build", "--out", str(out), "--template", template, "--format", "pdf")
        assert result.returncode == 0, result.stderr
        first = (template_builds[template] / "briefing.pdf").read_bytes()
        assert (out / "briefing.pdf").read_bytes() == first, template


# --- where the output intent's profile comes from ----------------------------------------
def test_the_profile_is_the_packaged_srgb_profile(monkeypatch) -> None:  # noqa: ANN001
    from gjz_brief.render.pdf import archive

    monkeypatch.delenv(archive.PROFILE_VARIABLE, raising=False)
    installed = next((path for path in archive.SRGB_PROFILES if path.is_file()), None)
    assert installed is not None, "install icc-profiles-free (scripts/setup)"
    assert srgb_profile() == installed.read_bytes()


def test_a_missing_profile_is_a_clear_error(monkeypatch, tmp_path: Path) -> None:  # noqa: ANN001
    from gjz_brief.errors import RenderError
    from gjz_brief.render.pdf import archive

    monkeypatch.delenv(archive.PROFILE_VARIABLE, raising=False)
    monkeypatch.setattr(archive, "SRGB_PROFILES", (tmp_path / "none.icc",))
    with pytest.raises(RenderError, match="no sRGB ICC profile") as raised:
        srgb_profile()
    assert "icc-profiles-free" in (raised.value.hint or "")


def test_a_named_profile_must_be_an_rgb_profile(tmp_path: Path) -> None:
    """GJZ_BRIEF_SRGB_PROFILE names the profile; the CLI refuses a file that is none
    (exit 1, one message, no output written)."""
    from cli_support import run_cli

    bogus = tmp_path / "bogus.icc"
    bogus.write_bytes(b"not a profile" * 20)
    environment = {**os.environ, "GJZ_BRIEF_SRGB_PROFILE": str(bogus)}
    out = tmp_path / "out"
    result = run_cli("build", "--out", str(out), "--format", "pdf", env=environment)
    assert result.returncode == 1
    assert "is not an RGB ICC profile" in result.stderr and "Traceback" not in result.stderr
    assert not (out / "briefing.pdf").exists()
