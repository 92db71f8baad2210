"""Fonts by role: resolve files from the system, prepare them for the PDF and the charts."""
