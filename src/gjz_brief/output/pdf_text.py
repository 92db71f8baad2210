"""The text a PDF prints, read back from the file: for the figure audit (output/audit.py).

A reader of the subset of PDF our renderer writes (and any writer of plain PDF 1.4-1.7):
objects in the file body or in object streams, Flate-compressed content streams, simple
and composite fonts whose ToUnicode CMaps say which character each code draws. Text is taken
in drawing order, page by page, from the show-text operators (Tj, TJ, ', "), entering form
XObjects where a page draws them (the charts' labels, the contents' page numbers). A few tens
of milliseconds for the built-in briefing, where a general extractor (pypdf) takes ten times
as long — which is what lets every build audit.
Source: ISO 32000-1 §7.3 (objects), §7.5.7 (object streams), §9.4 (text operators),
§9.10.3 (ToUnicode CMaps).
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field

_OBJECT = re.compile(rb"(?<![0-9])(\d+)\s+(\d+)\s+obj\b")
_LENGTH = re.compile(rb"/Length\s+(\d+)(\s+(\d+)\s+R)?")
_REFERENCE = re.compile(rb"(\d+)\s+\d+\s+R")
# Numbers are no tokens (finditer steps over them): no operator read here needs one (a font's
# size, a text position), and they are most of a page's stream.
_TOKEN = re.compile(
    rb"\((?:\\.|[^\\)])*\)"  # a literal string (our writers escape every parenthesis)
    rb"|<[0-9A-Fa-f\s]*>"  # a hex string
    rb"|/[^\s/\[\]()<>{}%]+"  # a name
    rb"|[\[\]]"
    rb"|[A-Za-z'\"*]+",  # an operator
    re.S,
)
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}


class PdfTextError(ValueError):
    """The file is not a PDF this reader understands."""


@dataclass
class _Font:
    code_length: int = 1
    to_unicode: dict[int, str] = field(default_factory=dict)

    def decode(self, raw: bytes) -> str:
        out: list[str] = []
        step = self.code_length
        for index in range(0, len(raw) - step + 1, step):
            code = int.from_bytes(raw[index : index + step], "big")
            out.append(self.to_unicode.get(code, "\ufffd"))
        return "".join(out)


class _Document:
    def __init__(self, data: bytes) -> None:
        if not data.startswith(b"%PDF-"):
            raise PdfTextError("not a PDF file")
        self.data = data
        self.objects: dict[int, tuple[bytes, bytes | None]] = {}  # number → (dictionary, stream)
        self._read_body()

    def _read_body(self) -> None:
        data = self.data
        position = 0
        while True:
            match = _OBJECT.search(data, position)
            if match is None:
                break
            number = int(match.group(1))
            start = match.end()
            stream_at = data.find(b"stream", start)
            end_at = data.find(b"endobj", start)
            if end_at < 0:
                break
            if 0 <= stream_at < end_at:
                head = data[start:stream_at]
                body_start = stream_at + 6
                if data[body_start : body_start + 2] == b"\r\n":
                    body_start += 2
                elif data[body_start : body_start + 1] in (b"\n", b"\r"):
                    body_start += 1
                length = self._length(head)
                if length is None:
                    body_end = data.find(b"endstream", body_start)
                else:
                    body_end = body_start + length
                self.objects[number] = (head, data[body_start:body_end])
                end_at = data.find(b"endobj", body_end)
                if end_at < 0:
                    break
            else:
                self.objects[number] = (data[start:end_at], None)
            position = end_at + 6
        for head, stream in list(self.objects.values()):
            if stream is not None and b"/ObjStm" in head:
                self._read_object_stream(head, stream)

    def _length(self, head: bytes) -> int | None:
        match = _LENGTH.search(head)
        if match is None:
            return None
        if match.group(2):  # an indirect length: "/Length 12 0 R"
            target = self.objects.get(int(match.group(1)))
            if target is None:
                return None
            return int(target[0].strip().split()[0])
        return int(match.group(1))

    def _read_object_stream(self, head: bytes, stream: bytes) -> None:
        data = _decoded(head, stream)
        first = int(re.search(rb"/First\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        count = int(re.search(rb"/N\s+(\d+)", head).group(1))  # type: ignore[union-attr]
        numbers = [int(n) for n in data[:first].split()]
        pairs = list(zip(numbers[0::2], numbers[1::2], strict=False))[:count]
        for index, (number, offset) in enumerate(pairs):
            end = pairs[index + 1][1] if index + 1 < len(pairs) else len(data) - first
            self.objects.setdefault(number, (data[first + offset : first + end], None))

    def get(self, number: int) -> tuple[bytes, bytes | None]:
        try:
            return self.objects[number]
        except KeyError:
            raise PdfTextError(f"object {number} is missing") from None

    def catalog_pages(self) -> list[int]:
        for head, _ in self.objects.values():
            if re.search(rb"/Type\s*/Catalog\b", head):
                pages = re.search(rb"/Pages\s+(\d+)\s+\d+\s+R", head)
                if pages:
                    return self._kids(int(pages.group(1)), 0)
        raise PdfTextError("no document catalog")

    def _kids(self, number: int, depth: int) -> list[int]:
        if depth > 32:
            raise PdfTextError("the page tree is too deep")
        head, _ = self.get(number)
        if re.search(rb"/Type\s*/Page\b", head):
            return [number]
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", head)
        if kids is None:
            return []
        found: list[int] = []
        for reference in _REFERENCE.finditer(kids.group(1)):
            found += self._kids(int(reference.group(1)), depth + 1)
        return found


def _decoded(head: bytes, stream: bytes) -> bytes:
    if b"/FlateDecode" in head:
        return zlib.decompress(stream)
    if b"/Filter" in head:
        raise PdfTextError("a stream uses a filter this reader does not decode")
    return stream


def _dictionary_entry(document: _Document, head: bytes, key: bytes) -> bytes:
    """The value of /key in a dictionary, following one indirect reference."""
    match = re.search(rb"/" + key + rb"\s*(\d+)\s+\d+\s+R", head)
    if match:
        return document.get(int(match.group(1)))[0]
    start = re.search(rb"/" + key + rb"\s*<<", head)
    if start is None:
        return b""
    depth, index = 0, start.end() - 2
    while index < len(head) - 1:
        pair = head[index : index + 2]
        if pair == b"<<":
            depth += 1
            index += 2
            continue
        if pair == b">>":
            depth -= 1
            index += 2
            if depth == 0:
                return head[start.end() : index - 2]
            continue
        index += 1
    return head[start.end() :]


def _font(document: _Document, head: bytes) -> _Font:
    reference = re.search(rb"/ToUnicode\s+(\d+)\s+\d+\s+R", head)
    if reference is None:
        # A simple font without a map: take codes as Latin-1 (ASCII text such as digits).
        return _Font(1, {code: chr(code) for code in range(256)})
    cmap_head, cmap_stream = document.get(int(reference.group(1)))
    return _cmap(_decoded(cmap_head, cmap_stream or b""))


def _hex(raw: bytes) -> int:
    return int(raw.strip(b"<> \n\r\t") or b"0", 16)


def _utf16(raw: bytes) -> str:
    text = raw.strip(b"<> \n\r\t")
    return bytes.fromhex(text.decode("ascii")).decode("utf-16-be", "replace")


def _cmap(data: bytes) -> _Font:
    font = _Font()
    space = re.search(rb"begincodespacerange\s*(<[0-9A-Fa-f]+>)", data)
    if space:
        font.code_length = max(1, len(space.group(1).strip(b"<>")) // 2)
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for source, target in re.findall(rb"(<[0-9A-Fa-f]+>)\s*(<[0-9A-Fa-f]*>)", block):
            font.to_unicode[_hex(source)] = _utf16(target)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for low, high, target in re.findall(
            rb"(<[0-9A-Fa-f]+>)\s*(<[0-9A-Fa-f]+>)\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block
        ):
            first, last = _hex(low), _hex(high)
            if target.startswith(b"["):
                for offset, each in enumerate(re.findall(rb"<[0-9A-Fa-f]*>", target)):
                    font.to_unicode[first + offset] = _utf16(each)
            else:
                start = _utf16(target)
                for offset in range(last - first + 1):
                    font.to_unicode[first + offset] = start[:-1] + chr(ord(start[-1]) + offset)
    return font


def _literal(token: bytes) -> bytes:
    body = token[1:-1]
    if b"\\" not in body:
        return body
    out = bytearray()
    index = 0
    while index < len(body):
        byte = body[index : index + 1]
        if byte != b"\\":
            out += byte
            index += 1
            continue
        following = body[index + 1 : index + 2]
        if following in _ESCAPES:
            out += _ESCAPES[following]
            index += 2
        elif following.isdigit():
            digits = re.match(rb"[0-7]{1,3}", body[index + 1 : index + 4])
            length = len(digits.group(0)) if digits else 1
            out.append(int(body[index + 1 : index + 1 + length], 8) & 0xFF)
            index += 1 + length
        elif following in (b"\n", b"\r"):
            index += 2  # a line continuation
        else:
            out += following
            index += 2
    return bytes(out)


def _string(token: bytes) -> bytes:
    if token.startswith(b"("):
        return _literal(token)
    text = re.sub(rb"\s", b"", token[1:-1])
    if len(text) % 2:
        text += b"0"
    return bytes.fromhex(text.decode("ascii"))


class _Reader:
    """Text of content streams, following form XObjects (each form's text read once)."""

    def __init__(self, document: _Document) -> None:
        self.document = document
        self.fonts: dict[int, _Font] = {}
        self.forms: dict[int, str] = {}

    def resources(self, head: bytes) -> tuple[dict[bytes, _Font], dict[bytes, int]]:
        resources = _dictionary_entry(self.document, head, b"Resources")
        fonts_entry = _dictionary_entry(self.document, resources, b"Font")
        fonts: dict[bytes, _Font] = {}
        for match in re.finditer(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R", fonts_entry):
            number = int(match.group(2))
            if number not in self.fonts:
                self.fonts[number] = _font(self.document, self.document.get(number)[0])
            fonts[match.group(1)] = self.fonts[number]
        xobjects_entry = _dictionary_entry(self.document, resources, b"XObject")
        xobjects = {
            match.group(1): int(match.group(2))
            for match in re.finditer(rb"/([^\s/\[\]()<>{}%]+)\s+(\d+)\s+\d+\s+R", xobjects_entry)
        }
        return fonts, xobjects

    def form(self, number: int, depth: int) -> str:
        if number not in self.forms:
            self.forms[number] = ""  # a form that draws itself draws nothing more
            head, stream = self.document.get(number)
            if re.search(rb"/Subtype\s*/Form\b", head) and depth < 8:
                fonts, xobjects = self.resources(head)
                content = _decoded(head, stream or b"")
                self.forms[number] = self.text(content, fonts, xobjects, depth + 1)
        return self.forms[number]

    def text(
        self, content: bytes, fonts: dict[bytes, _Font], xobjects: dict[bytes, int], depth: int
    ) -> str:
        if b"BT" not in content and b"Do" not in content:
            return ""  # graphics only (a chart's drawing): nothing to read
        out: list[str] = []
        font = _Font()
        operands: list[bytes] = []
        in_array = False
        array: list[bytes] = []
        for match in _TOKEN.finditer(content):
            token = match.group(0)
            first = token[:1]
            if first == b"[":
                in_array, array = True, []
                continue
            if first == b"]":
                in_array = False
                operands.append(b"<array>")
                continue
            if in_array:
                if first in (b"(", b"<"):
                    array.append(token)
                continue
            if first in (b"(", b"<", b"/"):
                operands.append(token)
                continue
            if token == b"Tf" and operands:  # /F1 12 Tf: the name (the size is skipped)
                font = fonts.get(operands[-1][1:], font)
            elif token in (b"Tj", b"'", b'"') and operands:
                out.append(font.decode(_string(operands[-1])))
            elif token == b"TJ":
                out.extend(font.decode(_string(piece)) for piece in array)
            elif token == b"ET":
                out.append("\n")
            elif token == b"Do" and operands and operands[-1][1:] in xobjects:
                out.append(self.form(xobjects[operands[-1][1:]], depth))
            operands = []
        return "".join(out)


def pdf_pages_text(data: bytes) -> list[str]:
    """The text each page of ``data`` prints, in drawing order (PdfTextError if unreadable)."""
    try:
        document = _Document(data)
        reader = _Reader(document)
        pages: list[str] = []
        for number in document.catalog_pages():
            head, _ = document.get(number)
            fonts, xobjects = reader.resources(head)
            contents = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)", head)
            streams = _REFERENCE.findall(contents.group(1)) if contents else []
            text = []
            for reference in streams:
                content_head, stream = document.get(int(reference))
                content = _decoded(content_head, stream or b"")
                text.append(reader.text(content, fonts, xobjects, 0))
            pages.append("".join(text))
        return pages
    except (zlib.error, ValueError, IndexError, AttributeError, UnicodeDecodeError) as error:
        if isinstance(error, PdfTextError):
            raise
        raise PdfTextError(f"the PDF cannot be read: {error}") from None
