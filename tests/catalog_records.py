"""Records for the catalog tests: the shipped default, the small test study, and variants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent
MINIMAL = ROOT / "data" / "records" / "minimal.yaml"


def _only(value: Any, lang: str) -> Any:
    """``value`` with every ``{en: ..., fa: ...}`` text reduced to ``lang``."""
    if isinstance(value, dict):
        if "en" in value and "fa" in value and all(isinstance(v, str) for v in value.values()):
            return {lang: value[lang]}
        return {key: _only(item, lang) for key, item in value.items()}
    if isinstance(value, list):
        return [_only(item, lang) for item in value]
    return value


def _load(path: Path) -> dict[str, Any]:
    from app.record.load import _Loader

    with path.open(encoding="utf-8") as handle:
        data: dict[str, Any] = yaml.load(handle, Loader=_Loader)
    return data


def english_only_record(nct_id: str = "NCT00000002"):
    """The small test study, declared in English only, under another registry id."""
    from app.record import validate_record

    data = _only(_load(MINIMAL), "en")
    data["languages"] = ["en"]
    data["identification"]["nct_id"] = nct_id
    return validate_record(data, f"{nct_id}.yaml")


def write_english_only(path: Path, nct_id: str = "NCT00000002") -> Path:
    """Write the English-only variant to ``path`` (for launch tests)."""
    data = _only(_load(MINIMAL), "en")
    data["languages"] = ["en"]
    data["identification"]["nct_id"] = nct_id
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
