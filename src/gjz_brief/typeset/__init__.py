"""Chinese typesetting for the PDF renderer.

``segment``/``linebreak`` are pure (kinsoku line breaking, 孤字, justification);
``flowable.CJKParagraph`` is the ReportLab Flowable built on them. This package init
imports nothing, so the pure modules stay usable without ReportLab.
"""
