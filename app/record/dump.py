"""Write a record dict as a human-friendly YAML record file (the importer's output)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from app.record.import_report import ImportReport


class _Dumper(yaml.SafeDumper):
    """Safe YAML with indented lists and multi-line text as literal ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent block lists under their key, as people write them."""
        super().increase_indent(flow, False)


#: Characters YAML reads as line breaks but PyYAML writes raw when ``allow_unicode`` is on.
_UNICODE_BREAKS = frozenset("\x85\u2028\u2029")


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    # Double quotes escape the Unicode line breaks, which would otherwise come back as
    # newlines. PyYAML itself falls back to quotes when a literal block cannot hold the
    # text (trailing spaces on a line, control characters), so every text round-trips.
    if _UNICODE_BREAKS.intersection(data):
        style: str | None = '"'
    else:
        style = "|" if "\n" in data else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(str, _represent_str)

#: Line width for the dumper, wide enough that it never folds a one-line text.
_NO_FOLDING = 1_000_000


def dump_record_yaml(record: dict[str, Any], report: ImportReport | None = None) -> str:
    """Write a record dict as a human-friendly YAML record file.

    Keys keep their order, non-ASCII text stays readable, multi-line text is a literal
    block and a one-line text stays on one line (easy to compare with the registry). A
    header comment says where the draft came from and what authors still have to add.

    Args:
        record: a record mapping, such as :func:`app.record.ctgov.study_to_record` returns.
        report: the import's report, written as a comment block under the header.

    Returns:
        The YAML text, ending with a newline.
    """
    identification = record.get("identification")
    nct_id = identification.get("nct_id") if isinstance(identification, Mapping) else None
    status = record.get("status")
    updated = status.get("last_update_posted") if isinstance(status, Mapping) else None
    source = f"ClinicalTrials.gov study {nct_id}" if nct_id else "a ClinicalTrials.gov study"
    header = [f"# Imported from {source}."]
    where = f"https://clinicaltrials.gov/study/{nct_id}" if nct_id else ""
    when = f"registry entry last updated {updated}" if updated else ""
    if where or when:
        header.append("# " + (f"{where} ({when})" if where and when else where or when))
    header += [
        "#",
        "# This is a draft holding only the registry's official English text, verbatim.",
        "# Before patients see it, authors must add:",
        "#   - the plain-language content: the `patient` section and each criterion's",
        "#     `plain` text (and `how_checked` where the study team checks it);",
        "#   - the Persian (fa) text for every plain-language entry, then set",
        "#     `languages: [en, fa]`;",
        "#   - the self-check `questions`, setting `assessed_by: PATIENT` on each",
        "#     criterion a question asks about (all are imported as STUDY_TEAM);",
        "# then raise `content_version` and run `trialguide validate --strict`.",
        "",
    ]
    if report is not None:
        header[-1:] = ["#", *report.comment_block().rstrip("\n").split("\n"), ""]
    body = yaml.dump(
        record,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=_NO_FOLDING,
    )
    return "\n".join(header) + body
