"""What a draft request is, before it becomes harmony text.

Plain frozen data shared by the writing layer (which builds it), the harmony
renderer (which turns it into text and token ids) and the runtime.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class Effort(StrEnum):
    """gpt-oss reasoning effort, rendered as `Reasoning: low|medium|high`."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class Role(StrEnum):
    USER = "user"
    ASSISTANT = "assistant"


@dataclass(frozen=True)
class Turn:
    """An earlier or current turn. Assistant turns hold only their final text:
    analysis from earlier turns is never sent back to the model."""

    role: Role
    content: str


@dataclass(frozen=True)
class Conversation:
    """System settings, the app's developer instructions and the turns."""

    instructions: str
    turns: tuple[Turn, ...]
    effort: Effort = Effort.MEDIUM
    current_date: dt.date = field(default_factory=dt.date.today)
    knowledge_cutoff: str = "2024-06"
    model_identity: str = "You are ChatGPT, a large language model trained by OpenAI."
