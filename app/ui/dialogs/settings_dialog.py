"""Settings: model file, context size, offload, default effort, idle lock,
clinician name and crisis resources.  Nothing entered here is patient data;
it is saved in the JSON settings file."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.ui.panes.source_pane import EFFORT_LABELS
from app.ui.settings import CrisisResource, UiSettings
from app.ui.viewdata import TemplateChoice


class SettingsDialog(QDialog):
    accepted_settings = Signal(object)  # UiSettings
    templates_requested = Signal()

    def __init__(
        self,
        *,
        settings: UiSettings,
        templates: list[TemplateChoice],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.setObjectName("settingsDialog")
        self._original = settings
        self._build_fields(settings, templates)
        self._build_layout()

    def _build_fields(self, settings: UiSettings, templates: list[TemplateChoice]) -> None:
        self.model_path = QLineEdit(settings.model_path)
        self.model_path.setAccessibleName("Model file")
        self.browse = QPushButton("Browse…")
        self.browse.setAccessibleName("Browse for model file")
        self.browse.clicked.connect(self._browse)
        self.context_size = _spin(2048, 131072, settings.context_size, "Context size")
        self.context_size.setSingleStep(2048)
        self.context_size.setSuffix(" tokens")
        self.offload_mode = QComboBox()
        self.offload_mode.setAccessibleName("Offload")
        self.offload_mode.addItem("Automatic (recommended)", "auto")
        self.offload_mode.addItem("Manual", "manual")
        self.offload_mode.setCurrentIndex(0 if settings.offload_mode == "auto" else 1)
        self.cpu_moe_layers = _spin(0, 128, settings.manual_cpu_moe_layers, "Expert layers on CPU")
        self.offload_mode.currentIndexChanged.connect(self._refresh_manual)
        self.default_effort = QComboBox()
        self.default_effort.setAccessibleName("Default reasoning effort")
        for key, label in EFFORT_LABELS.items():
            self.default_effort.addItem(label, key)
        effort_index = self.default_effort.findData(settings.default_effort)
        self.default_effort.setCurrentIndex(max(0, effort_index))
        self.default_template = QComboBox()
        self.default_template.setAccessibleName("Default document type")
        for choice in templates:
            self.default_template.addItem(choice.name, choice.template_id)
        index = self.default_template.findData(settings.default_template_id)
        self.default_template.setCurrentIndex(max(0, index))
        self.idle_minutes = QDoubleSpinBox()
        self.idle_minutes.setRange(0, 240)
        self.idle_minutes.setDecimals(1)
        self.idle_minutes.setValue(settings.idle_lock_minutes)
        self.idle_minutes.setSuffix(" min (0 = never)")
        self.idle_minutes.setAccessibleName("Lock after idle minutes")
        self.clinician_name = QLineEdit(settings.clinician_name)
        self.clinician_name.setAccessibleName("Your name for sign-off")
        self.crisis_resources = QPlainTextEdit(
            "\n".join(f"{r.label}: {r.contact}" for r in settings.crisis_resources)
        )
        self.crisis_resources.setAccessibleName("Crisis resources, one per line")
        self.crisis_resources.setFixedHeight(90)
        self.templates_button = QPushButton("Manage templates…")
        self.templates_button.setAccessibleName("Manage templates")
        self.templates_button.clicked.connect(self.templates_requested)
        self._refresh_manual()

    def _build_layout(self) -> None:
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_path, 1)
        model_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("Model file", model_row)
        form.addRow("Context size", self.context_size)
        form.addRow("Offload", self.offload_mode)
        form.addRow("Expert layers on CPU", self.cpu_moe_layers)
        form.addRow("Default effort", self.default_effort)
        form.addRow("Default document type", self.default_template)
        form.addRow("Lock when idle", self.idle_minutes)
        form.addRow("Sign-off name", self.clinician_name)
        form.addRow("Crisis resources\n(label: number)", self.crisis_resources)
        form.addRow("", self.templates_button)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Model file", "", "GGUF model (*.gguf)")
        if chosen:
            self.model_path.setText(chosen)

    def _refresh_manual(self) -> None:
        self.cpu_moe_layers.setEnabled(self.offload_mode.currentData() == "manual")

    def chosen_settings(self) -> UiSettings:
        model_path = self.model_path.text().strip()
        same_model = model_path == self._original.model_path
        return self._original.with_changes(
            model_path=model_path,
            model_sha256=self._original.model_sha256 if same_model else "",
            context_size=self.context_size.value(),
            offload_mode=str(self.offload_mode.currentData()),
            manual_cpu_moe_layers=self.cpu_moe_layers.value(),
            default_effort=str(self.default_effort.currentData()),
            default_template_id=str(self.default_template.currentData() or ""),
            idle_lock_minutes=self.idle_minutes.value(),
            clinician_name=self.clinician_name.text().strip(),
            crisis_resources=parse_resources(self.crisis_resources.toPlainText()),
        )

    def accept(self) -> None:
        self.accepted_settings.emit(self.chosen_settings())
        super().accept()


def parse_resources(text: str) -> tuple[CrisisResource, ...]:
    resources = []
    for line in text.splitlines():
        label, _, contact = line.partition(":")
        if label.strip() and contact.strip():
            resources.append(CrisisResource(label.strip(), contact.strip()))
    return tuple(resources)


def _spin(low: int, high: int, value: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setAccessibleName(name)
    return spin
