"""`enclave-scribe --self-test MODEL_FILE`: prove a build works, with no display.

Every installer build (CPU, CUDA, Vulkan, Metal; deb, MSI, DMG) runs this on
its own frozen bundle.  It walks the path a real draft takes through the
layers that a packaging mistake breaks silently — a missing shared library,
data file or lazily imported module shows up here, not on a clinician's
desk: the network guard, bundled data (templates, python-docx's template,
drug names), an encrypted store round trip in a throw-away folder, the model
load and a few generated tokens.  It prints which llama.cpp backend the build
has.  Everything it writes goes to a temporary folder under the app's cache
directory and is removed; the text it stores and drafts is synthetic.

Exit status: 0 all checks passed, 1 a check failed, 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import platform
import secrets
import shutil
import socket
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SYNTHETIC_NOTE = "Synthetic self-test note: patient reports better sleep; continue plan."
DEFAULT_TOKENS = 8
SELFTEST_CONTEXT = 4096


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str
    seconds: float


class Report:
    """Writes result lines as they happen, to stdout and optionally a file."""

    def __init__(self, sinks: Sequence[TextIO]) -> None:
        self._sinks = sinks
        self.results: list[CheckResult] = []

    def line(self, text: str) -> None:
        for sink in self._sinks:
            sink.write(text + "\n")
            sink.flush()

    def run(self, name: str, check: Callable[[], str]) -> bool:
        started = time.perf_counter()
        try:
            detail, ok = check(), True
        except Exception as error:  # the report must name any failure, then go on
            detail, ok = _describe(error), False
        result = CheckResult(name, ok, detail, time.perf_counter() - started)
        self.results.append(result)
        mark = "ok  " if ok else "FAIL"
        self.line(f"  {mark} {name:<14} {detail} ({result.seconds:.2f} s)")
        return ok


def _describe(error: Exception) -> str:
    user_message = getattr(error, "user_message", None)
    technical = str(error).strip() or type(error).__name__
    return (
        f"{user_message} [{technical}]" if user_message else f"{type(error).__name__}: {technical}"
    )


def app_version() -> str:
    from importlib import metadata

    try:
        return metadata.version("enclave-scribe")
    except metadata.PackageNotFoundError:
        return "unknown"


def backend_summary() -> str:
    """e.g. "CPU" or "CUDA (NVIDIA RTX A4000, 15.6 GiB free)"."""
    from engine.runtime.memory import accelerator_backend, gpu_devices

    backend = accelerator_backend()
    gpus = [
        f"{gpu.description or gpu.name}, {gpu.free_bytes / 2**30:.1f} GiB free"
        for gpu in gpu_devices()
    ]
    return f"{backend} ({'; '.join(gpus)})" if gpus else backend


def check_network_guard() -> str:
    from app.netguard import NetworkBlockedError, install_network_guard

    install_network_guard()
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        probe.connect(("127.0.0.1", 9))
    except NetworkBlockedError:
        return "refused a loopback connection"
    except OSError as error:
        raise RuntimeError(f"guard did not intercept the connection ({error})") from None
    finally:
        probe.close()
    raise RuntimeError("a loopback connection was allowed")


def check_bundled_data() -> str:
    import docx
    from drug_named_entity_recognition import find_drugs

    from app.writing.templates import load_bundled_templates

    templates = load_bundled_templates()
    docx.Document()  # python-docx's default.docx must be in the bundle
    found = find_drugs(["sertraline", "50", "mg"])
    if not found:
        raise RuntimeError("the drug-name data did not recognise sertraline")
    return f"{len(templates)} templates, docx template, drug names"


def check_store(scratch: Path) -> str:
    """Create, write, lock, unlock and read back; the file must not hold the text."""
    from app.store import NoteStore

    path = scratch / "selftest.db"
    passphrase = secrets.token_urlsafe(24)
    with NoteStore.create(passphrase=passphrase, path=path) as store:
        note = store.create_note(
            title="Self-test", document_type="session-summary", source_text=SYNTHETIC_NOTE
        )
        cipher = store.cipher_settings()
    with NoteStore.unlock(passphrase=passphrase, path=path) as store:
        read_back = store.get_source(note.id).text
        store.integrity_check()
    if read_back != SYNTHETIC_NOTE:
        raise RuntimeError("the note read back differs from the one written")
    if SYNTHETIC_NOTE.encode("utf-8") in path.read_bytes():
        raise RuntimeError("the store file holds the note in plain text")
    shown = ("cipher_version", "kdf_iter", "cipher_hmac_algorithm")
    settings = ", ".join(f"{key}={cipher[key]}" for key in shown if key in cipher)
    return f"encrypted round trip, integrity ok (SQLCipher {settings})"


def check_model_and_draft(model_file: Path, *, max_tokens: int) -> str:
    from engine.modelfile import open_model_file
    from engine.runtime.events import Done
    from engine.runtime.loader import load_model, plan_for_model
    from engine.runtime.sampling import SamplingOptions
    from engine.runtime.session import Session

    validated = open_model_file(model_file)
    n_ctx = min(validated.report.context_length, SELFTEST_CONTEXT)
    started = time.perf_counter()
    with load_model(validated, plan=plan_for_model(validated, n_ctx=n_ctx)) as loaded:
        load_s = time.perf_counter() - started
        prompt = _selftest_prompt(loaded.codec)
        sampling = SamplingOptions(seed=1, max_tokens=max_tokens)
        events = list(
            Session(loaded, output_reserve=max_tokens).generate(prompt, sampling=sampling)
        )
    done = events[-1]
    if not isinstance(done, Done) or done.stats.generated_tokens == 0:
        raise RuntimeError("the model produced no tokens")
    stats = done.stats
    return (
        f"{model_file.name}: loaded in {load_s:.2f} s on {loaded.plan.placement}; "
        f"prompt {stats.prompt_tokens} tokens, drafted {stats.generated_tokens} tokens "
        f"at {stats.generation_tokens_per_s:.0f} tok/s"
    )


def _selftest_prompt(codec: object) -> list[int]:
    from app.writing.prompt import build_conversation
    from app.writing.templates import load_bundled_templates
    from engine.conversation import Effort
    from engine.harmony.render import render_tokens

    template = load_bundled_templates()[0]
    conversation = build_conversation(
        template, [SYNTHETIC_NOTE], effort=Effort.LOW, current_date=dt.date.today()
    )
    return render_tokens(conversation, codec)  # type: ignore[arg-type]


def run_self_test(model_file: Path, *, max_tokens: int, sinks: Sequence[TextIO]) -> int:
    from app.paths import cache_dir

    report = Report(sinks)
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source checkout"
    report.line(f"Enclave Scribe {app_version()} self-test ({frozen}, {platform.platform()})")
    report.run("network guard", check_network_guard)
    backend_ok = report.run("backend", backend_summary)
    report.run("bundled data", check_bundled_data)
    scratch = Path(tempfile.mkdtemp(prefix="selftest-", dir=cache_dir()))
    try:
        report.run("store", lambda: check_store(scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    if backend_ok:
        report.run(
            "model + draft", lambda: check_model_and_draft(model_file, max_tokens=max_tokens)
        )
    failed = [result.name for result in report.results if not result.ok]
    report.line("self-test FAILED: " + ", ".join(failed) if failed else "self-test passed")
    return 1 if failed else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="enclave-scribe --self-test", description="Check this build without a display."
    )
    parser.add_argument("model_file", type=Path, help="a gpt-oss GGUF file")
    parser.add_argument("--tokens", type=int, default=DEFAULT_TOKENS, help="tokens to draft")
    parser.add_argument("--report", type=Path, help="also write the report to this file")
    parser.add_argument("--verbose", action="store_true", help="keep llama.cpp's log on stderr")
    return parser


def main(argv: Sequence[str]) -> int:
    """Entry from `python -m app --self-test …` and the frozen executable."""
    try:
        args = _parser().parse_args(list(argv))
    except SystemExit as exit_:
        return 0 if exit_.code == 0 else 2
    if not args.model_file.is_file():
        print(f"self-test: model file not found: {args.model_file}", file=sys.stderr)
        return 2
    if not args.verbose:
        from engine.runtime.llama_ext import route_llama_logs_to

        route_llama_logs_to(logging.getLogger("enclave.selftest.llama"))
    sinks: list[TextIO] = [sys.stdout] if sys.stdout is not None else []
    report_file = args.report.open("w", encoding="utf-8") if args.report else None
    try:
        return run_self_test(
            args.model_file,
            max_tokens=args.tokens,
            sinks=[*sinks, *([report_file] if report_file else [])],
        )
    finally:
        if report_file is not None:
            report_file.close()
