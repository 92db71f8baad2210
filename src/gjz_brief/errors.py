"""The one exception hierarchy of gjz-brief.

Every failure that reaches the CLI is a ``BriefError``: it carries where it happened
(a ``Location``), what would fix it (a hint) and the exit code the CLI should use.
"""

from __future__ import annotations

from dataclasses import dataclass, field

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_INVALID_INPUT = 2
EXIT_TEMPFAIL = 75  # sysexits.h EX_TEMPFAIL: "try again later"


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file, optionally a line/column and a field path."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            parts.append(where)
        elif self.line is not None:
            parts.append(f"line {self.line}")
        if self.field:
            parts.append(f"[{self.field}]")
        return " ".join(parts)

    def sort_key(self) -> tuple[str, int, int]:
        return (self.file or "", self.line or 0, self.column or 0)


class BriefError(Exception):
    """Base of every error gjz-brief raises on purpose."""

    exit_code = EXIT_FAILURE

    def __init__(
        self, message: str, location: Location | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}" if self.location else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(BriefError):
    """The user's input (content, template, arguments, configuration) is wrong."""

    exit_code = EXIT_INVALID_INPUT
    problems: list[Problem] = []  # noqa: RUF012 - set per instance by from_problems
    subject: str = ""  # the file the problems are in (from_problems)

    @classmethod
    def from_problems(cls, problems: list[Problem], subject: str) -> InputError:
        """One error reporting every problem of ``subject`` (a file), in line order."""
        ordered = sorted(problems, key=lambda p: p.location.sort_key())
        first = ordered[0] if ordered else Problem(f"{subject} is invalid")
        error = cls(first.message, first.location, first.hint)
        error.problems = ordered
        error.subject = subject
        return error

    def __str__(self) -> str:
        if len(self.problems) < 2:
            return super().__str__()
        head = f"{len(self.problems)} problems in {getattr(self, 'subject', 'the input')}:"
        return "\n".join([head, *(str(p) for p in self.problems)])


@dataclass(frozen=True)
class Problem:
    """One finding of validation; errors stop the build, warnings do not."""

    message: str
    location: Location = field(default_factory=Location)
    hint: str | None = None
    severity: str = "error"  # "error" | "warning"

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class ContentError(InputError):
    """The content does not load or validate. Holds every problem found, in file/line order."""

    def __init__(self, problems: list[Problem]) -> None:
        errors = sorted(
            (p for p in problems if p.severity == "error"), key=lambda p: p.location.sort_key()
        )
        first = errors[0] if errors else Problem("content is invalid")
        super().__init__(first.message, first.location, first.hint)
        self.problems = errors

    def __str__(self) -> str:
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the content:"
        return "\n".join([head, *(str(p) for p in self.problems)])


class TemplateError(InputError):
    """A template, layout or theme file is missing or invalid."""


class PageLimitError(TemplateError):
    """The rendered briefing has more pages than its template allows (``layout.max_pages``)."""


class OversizedContentError(InputError):
    """A piece of content cannot fit on any page (a table row taller than the text block).

    ``content_path`` names the content entry (e.g. ``("tables", "investment_table")``) so
    the build can point at its file and line; the renderer does not know the files.
    """

    def __init__(
        self,
        message: str,
        location: Location | None = None,
        hint: str | None = None,
        content_path: tuple[str, ...] = (),
        block_index: int | None = None,  # the document block, when no entry is named
    ) -> None:
        super().__init__(message, location, hint)
        self.content_path = content_path
        self.block_index = block_index


class LayoutLimitError(InputError):
    """The content has more items than a layout block shows (the 一页纸's key messages, its
    key-figure tiles): the build stops rather than leave some out unsaid.

    ``content_path`` is the first item left over (``("meta", "key_messages", 3)``), so the
    build can point at its file and line; the composer does not know the files.
    """

    def __init__(
        self, message: str, content_path: tuple[str | int, ...], hint: str | None = None
    ) -> None:
        super().__init__(message, None, hint)
        self.content_path = content_path


class ConfigError(InputError):
    """The workspace configuration or a command-line argument is invalid."""


class FontConfigError(InputError):
    """A font the user configured is missing or is not a usable font."""


class FontNotFoundError(BriefError):
    """No installed font can serve a role (an installation problem, not bad input)."""


class MissingGlyphError(InputError):
    """The text uses a character that no available font can draw."""


class RenderError(BriefError):
    """A renderer (charts, DOCX, PDF) failed."""


class ExternalToolError(BriefError):
    """A system tool we call (pdftoppm, soffice) is missing or failed."""


class OutputError(BriefError):
    """Writing the outputs failed (permissions, full disk, a path that is a file)."""


class LockTimeoutError(BriefError):
    """Another build holds the output folder's lock for longer than we may wait."""

    exit_code = EXIT_TEMPFAIL
