"""Translator round trip time: ``translate export`` and ``translate import``, in process.

Measured on the default record and on the record at the limits (``tools/at_limits.py``:
every count and length at its limit), against the floor of the same run: the record's
own load (:func:`app.record.parse_record`), which every command pays anyway. Both steps
parse the YAML again round trip (ruamel.yaml, pure Python), so they cost a few loads;
the ratio to the load is reported for information. The targets: each step under
2 seconds even at the limits (a command a coordinator runs by hand, a few times a
day), and no more cost per KiB at the limits than for the default record (linear
within 1.5 times).

Usage: python benchmarks/translate_round_trip.py [--runs N]
"""

from __future__ import annotations

import argparse
import datetime
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from _common import Row, median, print_table

from app.record import parse_record
from app.record.load import default_record_text
from app.translate.export import build_catalog, catalog_text
from app.translate.importer import import_translations
from app.translate.po_read import read_po_file
from tools.at_limits import _dump, at_limits_record

#: Most milliseconds a step may take, at the limits too.
STEP_LIMIT_MS = 2000.0
LINEAR_LIMIT = 1.5
WHEN = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)


def _time(step: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1000)
    return median(times)


def measure(text: str, runs: int, folder: Path) -> tuple[float, float, float]:
    """Medians (ms) of the load, the export and the import of the record ``text``."""
    data = text.encode("utf-8")
    record = parse_record(data)
    po = folder / "fa.po"

    def export() -> None:
        po.write_text(catalog_text(build_catalog(record, text, "r.yaml", "fa", now=WHEN)))

    def import_() -> None:
        lang, entries = read_po_file(po)
        import_translations(record, text, "r.yaml", lang, entries, str(po))

    load = _time(lambda: parse_record(data), runs)
    exported = _time(export, runs)
    imported = _time(import_, runs)
    return load, exported, imported


def main() -> None:
    """Print the table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    _name, default_bytes = default_record_text()
    default_text = default_bytes.decode("utf-8")
    limits_text = _dump(at_limits_record()).decode("utf-8")
    rows = []
    per_kib = {}
    with tempfile.TemporaryDirectory() as folder:
        for label, text in (("default record", default_text), ("at the limits", limits_text)):
            load, exported, imported = measure(text, runs, Path(folder))
            kib = len(text.encode("utf-8")) / 1024
            per_kib[label] = imported / kib
            for step, ms in (("export", exported), ("import", imported)):
                verdict = "holds" if ms < STEP_LIMIT_MS else "MISSED"
                target = f"< {STEP_LIMIT_MS:.0f} ms"
                rows.append(
                    Row(f"{step}, {label} ({kib:.0f} KiB)", ms, load, "ms", target, None, verdict)
                )
    rows.append(
        Row(
            "import per KiB, limits vs default",
            per_kib["at the limits"],
            per_kib["default record"],
            "ms",
            f"≤ {LINEAR_LIMIT}x",
            LINEAR_LIMIT,
        )
    )
    print_table(
        "Translator round trip (floor: the record's own load)",
        rows,
        [f"median of {runs} runs"],
    )


if __name__ == "__main__":
    main()
