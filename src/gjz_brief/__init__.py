"""gjz-brief: printable briefings on the Ganjingzi District development plan."""

__version__ = "0.1.0"
