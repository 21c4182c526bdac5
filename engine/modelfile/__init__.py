"""Everything known about a model file before llama.cpp is allowed to open it.

Inspection, validation and hashing read only the GGUF header (or stream the
bytes for hashing), so a wrong, damaged or partial file is refused with a
clear message instead of crashing or freezing the app.
"""
