"""Panes on their own, with real widgets offscreen: findings are highlighted
at their exact spans with their reasons, the crisis banner lists the
configured resources, effort hints explain the trade-off, and the reasoning
pane is separate from the draft."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from app.ui.panes.crisis_banner import CrisisBanner
from app.ui.panes.draft_pane import DraftPane
from app.ui.panes.source_pane import EFFORT_HINTS, SourcePane
from app.ui.settings import CrisisResource
from app.ui.viewdata import CrisisView, FindingView

DRAFT = "Patient takes sertraline 100 mg daily. Denies chest pain."


def test_findings_highlight_exact_spans_and_list_reasons(qtbot) -> None:
    pane = DraftPane()
    qtbot.addWidget(pane)
    pane.append_draft(DRAFT)
    start = DRAFT.index("100 mg")
    finding = FindingView(start, start + len("100 mg"), "Dose not found in the source notes.")
    pane.show_findings([finding])
    assert pane.editor.highlighted_ranges() == [(start, start + 6)]
    assert pane.findings_list.count() == 1
    assert "100 mg" in pane.findings_list.item(0).text()
    assert "Dose not found" in pane.findings_list.item(0).text()
    pane.findings_list.itemClicked.emit(pane.findings_list.item(0))
    assert pane.editor.textCursor().selectedText() == "100 mg"
    assert pane.editor.finding_at(start + 2) == finding
    assert pane.editor.finding_at(0) is None


def test_finding_reason_is_the_tooltip(qtbot) -> None:
    pane = DraftPane()
    qtbot.addWidget(pane)
    pane.resize(600, 400)
    pane.show()
    qtbot.waitExposed(pane)
    pane.append_draft(DRAFT)
    start = DRAFT.index("sertraline")
    pane.show_findings([FindingView(start, start + 10, "Medication not in the notes.")])
    cursor = pane.editor.textCursor()
    cursor.setPosition(start + 3)
    rect = pane.editor.cursorRect(cursor)

    viewport = pane.editor.viewport()
    point = rect.center()
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(lambda: QToolTip.text() == "Medication not in the notes.", timeout=5000)
    far = QPoint(rect.center().x(), rect.center().y() + 200)
    elsewhere = QHelpEvent(QEvent.Type.ToolTip, far, viewport.mapToGlobal(far))
    QApplication.sendEvent(viewport, elsewhere)
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=5000)


def test_reasoning_goes_to_its_own_collapsed_pane(qtbot) -> None:
    pane = DraftPane()
    qtbot.addWidget(pane)
    pane.begin_generation()
    pane.append_reasoning("thinking about the dose")
    pane.append_draft("Final text.")
    assert pane.editor.toPlainText() == "Final text."
    assert pane.reasoning.toPlainText() == "thinking about the dose"
    assert pane.reasoning.isHidden()
    pane.reasoning_toggle.click()
    assert not pane.reasoning.isHidden()


def test_crisis_banner_lists_resources_and_can_be_dismissed(qtbot) -> None:
    banner = CrisisBanner()
    qtbot.addWidget(banner)
    banner.set_resources((CrisisResource("Clinic on-call", "555-0100"),))
    banner.show_flags([CrisisView("suicidal ideation", "source", "suicidal ideation")])
    assert not banner.isHidden()
    assert "Clinic on-call: 555-0100" in banner.message.text()
    assert "suicidal ideation (in the source)" in banner.message.text()
    qtbot.mouseClick(banner.dismiss, Qt.MouseButton.LeftButton)
    assert banner.isHidden()


def test_effort_selector_explains_the_trade_off(qtbot) -> None:
    pane = SourcePane()
    qtbot.addWidget(pane)
    for effort in ("low", "medium", "high"):
        pane.set_effort(effort)
        assert pane.effort() == effort
        assert pane.effort_hint.text() == EFFORT_HINTS[effort]
    assert "slower" in EFFORT_HINTS["high"] and "quick" in EFFORT_HINTS["low"]


def test_token_meter_warns_when_over_the_context(qtbot) -> None:
    pane = SourcePane()
    qtbot.addWidget(pane)
    pane.set_token_count(tokens=1200, context=16384)
    assert pane.token_meter.text() == "1,200 / 16,384 tokens"
    pane.set_token_count(tokens=20000, context=16384)
    assert "too long" in pane.token_meter.text()


def test_controls_have_accessible_names(qtbot) -> None:
    source, draft = SourcePane(), DraftPane()
    qtbot.addWidget(source)
    qtbot.addWidget(draft)
    named = [
        source.editor, source.template_box, source.effort_box, source.draft_button,
        source.stop_button, draft.editor, draft.reasoning, draft.sign_button,
        draft.export_button, draft.copy_button, draft.history_button,
    ]
    assert all(widget.accessibleName() for widget in named)
