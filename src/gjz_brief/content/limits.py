"""Size limits that stop a runaway build early, with a clear error.

Generous: the built-in content is about 40 kB, 40 figures and 600-character paragraphs.
"""

MAX_FILE_BYTES = 2 * 1024 * 1024  # one content/template file
MAX_FILES = 200  # content files in a workspace
MAX_YAML_NODES = 200_000  # nodes after alias expansion (stops "billion laughs")
MAX_YAML_DEPTH = 64
MAX_LIST_ITEMS = 2_000  # items of any one list
MAX_TEXT_CHARS = 20_000  # characters of any one text field
