"""The Qt desktop app.  Importing it first protects None/True/False from a
PySide6 6.12 reference leak (see pyside_refs)."""

from app.ui.pyside_refs import reserve_singleton_references

reserve_singleton_references()
