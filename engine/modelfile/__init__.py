"""Everything known about a model file before llama.cpp is allowed to open it.

Inspection, validation and hashing read only the GGUF header (or stream the
bytes for hashing), so a wrong, damaged or partial file is refused with a
clear message instead of crashing or freezing the app.
"""

from engine.modelfile.errors import (
    CorruptModelError,
    MissingMetadataError,
    MissingTensorError,
    NotGGUFError,
    TruncatedModelError,
    UnsupportedTensorTypeError,
    UnsupportedTokenizerError,
    WrongArchitectureError,
)
from engine.modelfile.hashing import sha256_file
from engine.modelfile.inspect import (
    ModelFile,
    ModelReport,
    TensorEntry,
    inspect_model,
    open_model_file,
)

__all__ = [
    "CorruptModelError",
    "MissingMetadataError",
    "MissingTensorError",
    "ModelFile",
    "ModelReport",
    "NotGGUFError",
    "TensorEntry",
    "TruncatedModelError",
    "UnsupportedTensorTypeError",
    "UnsupportedTokenizerError",
    "WrongArchitectureError",
    "inspect_model",
    "open_model_file",
    "sha256_file",
]
