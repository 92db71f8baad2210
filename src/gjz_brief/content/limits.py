"""Size limits that stop a runaway build early, with a clear error.

Generous: the built-in content is about 40 kB in 8 files, 31 figures, 5 charts, 2 500 YAML
values and paragraphs of at most 600 characters; each limit is 50-100 times that. The README
lists them under "Limits".
"""

MAX_FILE_BYTES = 2 * 1024 * 1024  # one content, configuration or template file
MAX_TOTAL_BYTES = 4 * 1024 * 1024  # all content files together
MAX_FILES = 200  # content files in a workspace
MAX_YAML_NODES = 200_000  # values of all content files, after alias expansion ("billion laughs")
MAX_YAML_DEPTH = 64  # nesting of mappings and lists
MAX_LIST_ITEMS = 2_000  # items of any one list (figures, sections, paragraphs...)
MAX_CHARTS = 100  # charts: each one is drawn, which takes a moment
MAX_TEXT_CHARS = 20_000  # characters of any one text field (a paragraph)
MAX_SHORT_TEXT_CHARS = 200  # characters of a name, title or label
MAX_SHEET_ROWS = 5_000  # rows of the figures sheet (CSV or XLSX), which is also a file
