"""Status bar: model, offload plan, backend and the last draft's speed."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget


class StatusPanel(QStatusBar):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = _label("Model: none", "Model")
        self.plan = _label("Plan: —", "Offload plan")
        self.backend = _label("Backend: —", "Backend")
        self.speed = _label("", "Generation speed")
        for widget in (self.model, self.plan, self.backend, self.speed):
            self.addPermanentWidget(widget)

    def show_model(self, *, name: str, plan_kind: str, plan_reason: str, backend: str) -> None:
        self.model.setText(f"Model: {name}")
        self.plan.setText(f"Plan: {plan_kind}")
        self.plan.setToolTip(plan_reason)
        self.backend.setText(f"Backend: {backend}")

    def show_speed(self, *, tokens_per_s: float) -> None:
        self.speed.setText(f"{tokens_per_s:,.1f} tokens/s")


def _label(text: str, accessible: str) -> QLabel:
    label = QLabel(text)
    label.setAccessibleName(accessible)
    return label
