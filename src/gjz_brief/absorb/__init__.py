"""``gjz-brief absorb``: a clerk's edits of the DOCX, written back into the content files.

baseline (what the DOCX said when built, carried inside it) → read (the edited DOCX) →
engine (edits against the baseline and the current content: changes, conflicts, reports)
→ yaml_writer (round-trip YAML) → run (validate the result as a build does, then write).
"""
