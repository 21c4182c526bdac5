"""`engine.vocab` is where callers have always found the model's vocabulary.

It lives in `engine.modelfile.vocabulary` because validating a model file
includes building its vocabulary (llama.cpp must never see a tokenizer it
would abort on); this module keeps the established import path.
"""

from engine.modelfile.vocabulary import (
    GPT4O_SPLIT_PATTERN,
    HARMONY_SPECIAL_TEXTS,
    TOKEN_TYPE_CONTROL,
    TOKEN_TYPE_NORMAL,
    TOKEN_TYPE_USER_DEFINED,
    MissingSpecialTokenError,
    Vocabulary,
)

__all__ = [
    "GPT4O_SPLIT_PATTERN",
    "HARMONY_SPECIAL_TEXTS",
    "TOKEN_TYPE_CONTROL",
    "TOKEN_TYPE_NORMAL",
    "TOKEN_TYPE_USER_DEFINED",
    "MissingSpecialTokenError",
    "Vocabulary",
]
