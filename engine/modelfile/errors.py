"""One error class per way a model file can be unusable.

Each tells the clinician (or the IT person installing the model) what is
wrong in plain words, so "the download was cut short" is never confused with
"this is the wrong model".  All are raised before llama.cpp sees the file.
"""

from __future__ import annotations

from engine.errors import ModelFileError, UnsupportedModelError


class NotGGUFError(ModelFileError):
    user_message = "This file is not a GGUF model file. Choose the gpt-oss .gguf file."


class TruncatedModelError(ModelFileError):
    user_message = (
        "The model file is incomplete (it ends too early). "
        "The copy or download was probably cut short; copy it again."
    )


class CorruptModelError(ModelFileError):
    user_message = "The model file is damaged and cannot be read. Copy it again."


class MissingMetadataError(ModelFileError):
    user_message = (
        "The model file lacks information the app needs; it is not a complete gpt-oss model."
    )


class MissingTensorError(ModelFileError):
    user_message = "The model file lacks some of its weights; it is not a complete gpt-oss model."


class WrongArchitectureError(UnsupportedModelError):
    user_message = "This model is not a gpt-oss model. Enclave Scribe runs gpt-oss models only."


class UnsupportedTensorTypeError(UnsupportedModelError):
    user_message = (
        "This model uses a weight format this version of Enclave Scribe cannot run. "
        "Use the MXFP4 gpt-oss GGUF."
    )


class UnsupportedTokenizerError(UnsupportedModelError):
    user_message = "This model's tokenizer is not the gpt-oss (o200k harmony) tokenizer."
