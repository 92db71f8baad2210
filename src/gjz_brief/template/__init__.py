"""Templates: a layout (what goes where), a Word reference document and a PDF theme."""
