"""Load, validate and format the content model."""
