"""In-process gpt-oss runtime on llama-cpp-python.

Knows nothing of the app or of Qt (import-linter enforces it): it renders
harmony prompts, inspects and loads GGUF files, plans offload and streams
small frozen events.  Everything here runs headless and without a GPU.
"""
