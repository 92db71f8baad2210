"""gjz-brief: printable briefings (PDF and Word) on a development plan."""

__version__ = "0.1.0"
