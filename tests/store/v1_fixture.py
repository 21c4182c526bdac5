"""A store as the first release wrote it: only migration 0001, rows inserted
with that release's SQL.  Kept as a fixture so the upgrade path is tested
against real v1 files forever."""

from __future__ import annotations

from pathlib import Path

from app.store.db import create_owner_only_file, open_keyed
from app.store.migrations import migrate
from app.store.schema import MIGRATIONS

V1_MIGRATIONS = MIGRATIONS[:1]
V1_ROWS = """
INSERT INTO notes VALUES (1, 'Legacy intake', 'soap', 'MRN-1', '2025-01-02T03:04:05.000000+00:00',
                          '2025-01-02T03:04:05.000000+00:00');
INSERT INTO source_versions VALUES (1, 1, 1, 'patient describes vertigo',
                                    '2025-01-02T03:04:05.000000+00:00');
INSERT INTO draft_versions (note_id, version, kind, text, created_at, model_file, model_sha256,
    reasoning_effort, template_id, template_version, sampling_json, prompt_tokens,
    completion_tokens, reasoning_tokens, timings_json)
VALUES (1, 1, 'generated', 'Assessment: benign positional vertigo',
        '2025-01-02T03:05:00.000000+00:00', 'gpt-oss-20b.gguf', 'cd', 'low', 'soap', 1,
        '{"temperature": 1.0}', 10, 20, 5, '{"generate_s": 1.0}');
INSERT INTO audit_log (at, event, note_id, detail)
VALUES ('2025-01-02T03:04:05.000000+00:00', 'created', 1, '');
"""


def build_v1_store(path: Path, *, passphrase: str) -> None:
    create_owner_only_file(path)
    connection = open_keyed(path, passphrase=passphrase, busy_timeout_s=5)
    try:
        assert migrate(connection, migrations=V1_MIGRATIONS) == ["0001_core_tables"]
        connection.execute("BEGIN")
        for statement in V1_ROWS.strip().split(";\n"):
            connection.execute(statement.rstrip(";"))
        connection.execute("COMMIT")
    finally:
        connection.close()
