"""The main window's panes: notes list, source editor, draft, status bar."""
