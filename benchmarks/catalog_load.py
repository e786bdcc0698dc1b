"""A clinic's catalog: loading 1, 5 and 20 records, and the time to the first one.

The records are the default record (bilingual, with plain language, questions and a
glossary) and a real study imported from ``tests/data/ctgov/real/NCT04267848.json``
(English, registry text only), alternating, each copy with its own NCT id and titles so
that the studies are distinct; they are written as YAML files into a scratch folder and
listed as a ``records_dir``.

* ``load_catalog`` is every record read, parsed, validated and its approval checked
  (:func:`app.catalog.load_catalog`), in this process. Its floor is the sum of loading
  each of its records alone (the two kinds differ: the imported study is four times the
  default record's size, with its 100-odd sites); loading is linear when a catalog takes
  within 1.5 times that sum.
* ``first entry`` is the time to the first study of the catalog
  (``next(iter_entries(...))``): what the first paint waits for when the rest are
  validated while the catalog is shown. The target is that it does not grow with the
  catalog: at 20 records within 1.5 times that at 1.
* ``cold`` is a new Python process that imports :mod:`app.catalog`, lists the folder and
  loads the first entry, or all of them: start-up without the window, which
  ``benchmarks/startup.py`` measures for one record. The floor is the same process with
  one record.

Usage: python benchmarks/catalog_load.py [--runs N]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml
from _common import PYTHON, ROOT, Row, median, print_table

from app.catalog import iter_entries, load_catalog, load_entry
from app.config import list_record_files
from app.record import validate_record
from app.record.ctgov import import_study
from app.record.load import _Loader, default_record_text

SIZES = (1, 5, 20)
LINEAR_LIMIT = 1.5
REAL_STUDY = ROOT / "tests" / "data" / "ctgov" / "real" / "NCT04267848.json"


def _bases() -> list[dict[str, Any]]:
    """The default record and the imported real study, as record data."""
    _source, raw = default_record_text()
    default = yaml.load(raw.decode("utf-8"), Loader=_Loader)
    imported = import_study(json.loads(REAL_STUDY.read_text(encoding="utf-8"))).record
    return [default, imported]


def _copy(base: dict[str, Any], number: int) -> dict[str, Any]:
    """``base`` as a distinct study: its own NCT id and titles."""
    data = copy.deepcopy(base)
    ident = data["identification"]
    ident["nct_id"] = f"NCT9{number:07d}"
    ident["brief_title"] += f" (catalog copy {number})"
    for key in ("plain_title", "short_title"):
        if ident.get(key):
            ident[key] = {lang: f"{text} ({number})" for lang, text in ident[key].items()}
    data.pop("approval", None)
    return data


def write_catalog(folder: Path, count: int, bases: list[dict[str, Any]]) -> list[str]:
    """``count`` distinct record files in ``folder``, alternating the two real studies."""
    folder.mkdir(parents=True)
    for number in range(count):
        data = _copy(bases[number % len(bases)], number)
        validate_record(data)  # each copy is a valid record
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        (folder / f"study_{number:02}.yaml").write_text(text, encoding="utf-8")
    return list(list_record_files(folder))


def timed_once(work) -> list[float]:
    """Milliseconds of one run of ``work()``."""
    start = time.perf_counter()
    work()
    return [(time.perf_counter() - start) * 1000]


_COLD = """
import sys, time
start = time.perf_counter()
from app.catalog import iter_entries, load_catalog, record_sources
from app.config import Config
sources = record_sources(Config(records_dir=sys.argv[1]), ())
if sys.argv[2] == "first":
    entry = next(iter_entries(sources))
else:
    entry = load_catalog(sources).entries[0]
assert entry.ok
print((time.perf_counter() - start) * 1000)
"""


def cold_ms(folder: Path, what: str) -> float:
    """A new process: interpreter start, the imports, then the first or every entry."""
    start = time.perf_counter()
    subprocess.run(
        [PYTHON, "-c", _COLD, str(folder), what],
        cwd=ROOT,
        check=True,
        capture_output=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    return (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="runs of each size (7)")
    args = parser.parse_args(argv)
    bases = _bases()
    rows: list[Row] = []
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="tg-catalog-") as scratch:
        folders = {n: Path(scratch) / f"catalog_{n}" for n in SIZES}
        sources = {n: write_catalog(folders[n], n, bases) for n in SIZES}
        kinds = {n: (len(range(0, n, 2)), len(range(1, n, 2))) for n in SIZES}
        sizes = [Path(source).stat().st_size for source in sources[SIZES[-1]][:2]]
        # Rounds interleave every measurement, so that a busy machine slows them alike.
        times: dict[str, list[float]] = {}
        work = {f"all {n}": lambda s=sources[n]: load_catalog(s) for n in SIZES}
        work |= {f"first {n}": lambda s=sources[n]: next(iter_entries(s)) for n in SIZES}
        # One record of each kind alone: the floor of a catalog is the sum of its records.
        work |= {f"alone {k}": lambda s=sources[SIZES[-1]][k]: load_entry(s) for k in (0, 1)}
        for job in work.values():
            job()  # warm-up
        for _ in range(args.runs):
            for name, job in work.items():
                times.setdefault(name, []).extend(timed_once(job))
        whole = {n: median(times[f"all {n}"]) for n in SIZES}
        first = {n: median(times[f"first {n}"]) for n in SIZES}
        alone = [median(times[f"alone {k}"]) for k in (0, 1)]
        summed = {n: kinds[n][0] * alone[0] + kinds[n][1] * alone[1] for n in SIZES}
        cold_runs = max(3, args.runs // 2)
        cold: dict[tuple[int, str], float] = {}
        cold_times: dict[tuple[int, str], list[float]] = {}
        jobs = [(n, what) for what in ("first", "all") for n in SIZES]
        for n, what in jobs:
            cold_ms(folders[n], what)  # warm-up: bytecode and file cache
        for _ in range(cold_runs):
            for n, what in jobs:
                cold_times.setdefault((n, what), []).append(cold_ms(folders[n], what))
        cold = {job: median(values) for job, values in cold_times.items()}
    for n in SIZES:
        rows.append(
            Row(
                f"load_catalog, {n} record(s)",
                whole[n],
                summed[n],
                "ms",
                f"<= {LINEAR_LIMIT}x (linear)",
                limit=LINEAR_LIMIT,
                note=f"{kinds[n][0]} default + {kinds[n][1]} imported",
            )
        )
    for n in SIZES:
        rows.append(
            Row(
                f"first entry, {n} record(s)",
                first[n],
                first[1],
                "ms",
                f"<= {LINEAR_LIMIT}x" if n > 1 else "",
                limit=LINEAR_LIMIT if n > 1 else None,
            )
        )
    for what in ("first", "all"):
        for n in SIZES:
            rows.append(
                Row(
                    f"cold: imports + {'first entry' if what == 'first' else 'every entry'}, {n}",
                    cold[n, what],
                    cold[1, what],
                    "ms",
                    f"<= {LINEAR_LIMIT}x" if what == "first" and n > 1 else "",
                    limit=LINEAR_LIMIT if what == "first" and n > 1 else None,
                )
            )
    notes.append(
        f"alone: the default record {alone[0]:.0f} ms, the imported study {alone[1]:.0f} ms "
        "(load_entry: read, parse, validate, approval)"
    )
    notes.append(
        f"records alternate the default record ({sizes[0] // 1024} KiB as written) and "
        f"{REAL_STUDY.stem} imported from the registry ({sizes[1] // 1024} KiB); median of "
        f"{args.runs} interleaved runs in process, {max(3, args.runs // 2)} cold; floor of "
        "first entry and cold: the same with 1 record"
    )
    validate_all = whole[SIZES[-1]] - first[SIZES[-1]]
    notes.append(
        f"with {SIZES[-1]} records, validating all but the first takes {validate_all:.0f} ms "
        "more than showing the first: the UI should validate the rest while the catalog is "
        "shown (iter_entries), not before the first paint"
    )
    print_table("A clinic's catalog: 1, 5 and 20 records", rows, notes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
