"""Modal dialogs: first run, unlock, settings, templates, version history."""
