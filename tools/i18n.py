"""Maintain the gettext catalogs of the interface words, with Babel's Python API.

Usage::

    python tools/i18n.py extract   # app/**.py -> translations/app.pot
    python tools/i18n.py update    # extract, then merge the .pot into every <lang>/app.po
    python tools/i18n.py compile   # every <lang>/app.po -> app.mo beside it
    python tools/i18n.py check     # exit 1 if anything above is out of date or incomplete

Messages are marked in the code with ``_()``, ``N_()`` and ``ngettext(singular, plural,
n)`` from :mod:`app.i18n`; ``# TRANSLATORS:`` comments just above a call reach the
translator. Locations are written without line numbers so that the catalogs change
only when messages do. Files are rewritten only when their content (ignoring the
creation and revision dates) changes.

``check`` compares message ids and compiled contents, not bytes, so it does not depend
on the Babel version that wrote the files.
"""

from __future__ import annotations

import argparse
import io
import re
import string
import sys
import tomllib
from collections.abc import Iterable, Sequence
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
APP_DIR = ROOT / "app"
MAPPING = ROOT / "babel.cfg"
TRANSLATIONS = ROOT / "translations"
POT = TRANSLATIONS / "app.pot"
DOMAIN = "app"

#: Marker functions, as in ``pybabel extract -k _ -k N_ -k ngettext:1,2``.
KEYWORDS: dict[str, tuple[int, ...] | None] = {"_": None, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("TRANSLATORS:",)
WIDTH = 88

#: Arabic letters that Persian writes differently (Persian uses ی and ک).
ARABIC_LETTERS = {"ي": "ی", "ى": "ی", "ك": "ک"}

_HEADER_COMMENT = """\
# {what}.
# This file is distributed under the same license as the TrialGuide project.
# {how}
#"""
_POT_HOW = "Made with: python tools/i18n.py update (do not edit it by hand)."
_PO_HOW = "Translate here, then run: python tools/i18n.py compile."

_DATE_LINE = re.compile(r'^"(POT-Creation-Date|PO-Revision-Date): .*\\n"$', re.MULTILINE)

MessageKey = tuple[str, str | None]


def _project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fp:
        return str(tomllib.load(fp)["project"]["version"])


def languages() -> list[str]:
    """Languages with a catalog: every ``translations/<lang>/LC_MESSAGES/app.po``."""
    return sorted(p.parent.parent.name for p in TRANSLATIONS.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def po_path(lang: str) -> Path:
    """The editable catalog of a language."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(lang: str) -> Path:
    """The compiled catalog of a language, read at run time."""
    return po_path(lang).with_suffix(".mo")


def extract() -> Catalog:
    """Extract the messages of ``app/`` into a template catalog (nothing is written)."""
    with MAPPING.open(encoding="utf-8") as fp:
        method_map, options_map = parse_mapping_cfg(fp, str(MAPPING))
    catalog = Catalog(
        header_comment=_HEADER_COMMENT.format(
            what="Interface messages of TrialGuide", how=_POT_HOW
        ),
        project="TrialGuide",
        version=_project_version(),
        copyright_holder="TrialGuide developers",
        msgid_bugs_address="TrialGuide developers",
        charset="utf-8",
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        APP_DIR,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        location = (Path(APP_DIR.name) / filename).as_posix()
        catalog.add(message, None, [(location, lineno)], auto_comments=comments, context=context)
    return catalog


def render_po(catalog: Catalog) -> bytes:
    """A catalog as ``.po``/``.pot`` text, the way this project writes it."""
    buf = io.BytesIO()
    write_po(buf, catalog, width=WIDTH, include_lineno=False, ignore_obsolete=True)
    return buf.getvalue()


def compile_mo(catalog: Catalog) -> bytes:
    """A catalog compiled to ``.mo`` (fuzzy entries left out)."""
    buf = io.BytesIO()
    write_mo(buf, catalog, use_fuzzy=False)
    return buf.getvalue()


def _without_dates(data: bytes) -> str:
    return _DATE_LINE.sub("", data.decode("utf-8"))


def _write_if_changed(path: Path, data: bytes, *, ignore_dates: bool) -> bool:
    """Write ``data`` unless the file already says the same; say whether it wrote."""
    if path.exists():
        old = path.read_bytes()
        same = _without_dates(old) == _without_dates(data) if ignore_dates else old == data
        if same:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def read_catalog(path: Path, locale: str | None = None) -> Catalog:
    """Read a ``.po`` or ``.pot`` file."""
    with path.open("rb") as fp:
        return read_po(fp, locale=locale)


def message_keys(catalog: Catalog) -> dict[MessageKey, Message]:
    """The messages of a catalog by (msgid, context), without the header entry."""
    keys: dict[MessageKey, Message] = {}
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        keys[(msgid, message.context)] = message
    return keys


def message_strings(message: Message) -> list[str]:
    """The translation(s) of a message as a list, one per plural form."""
    strings = message.string if isinstance(message.string, tuple | list) else [message.string]
    return [s or "" for s in strings]


def _plural_id(message: Message) -> str | None:
    return message.id[1] if isinstance(message.id, tuple | list) else None


def cmd_extract() -> None:
    """Write ``translations/app.pot`` from the code."""
    changed = _write_if_changed(POT, render_po(extract()), ignore_dates=True)
    print(f"{POT.relative_to(ROOT)}: {'updated' if changed else 'unchanged'}")


def cmd_update(new_languages: Iterable[str] = ()) -> None:
    """Extract, then merge the template into every language catalog (creating new ones)."""
    cmd_extract()
    template = read_catalog(POT)
    for lang in sorted(set(languages()) | set(new_languages)):
        path = po_path(lang)
        if path.exists():
            catalog = read_catalog(path, locale=lang)
            catalog.update(template, update_creation_date=False)
        else:
            catalog = Catalog(
                locale=lang,
                header_comment=_HEADER_COMMENT.format(
                    what=f"{lang} translation of TrialGuide", how=_PO_HOW
                ),
                project="TrialGuide",
                version=_project_version(),
                msgid_bugs_address="TrialGuide developers",
                last_translator="TrialGuide developers",
                language_team=lang,
            )
            catalog.update(template)
            catalog.fuzzy = False
        changed = _write_if_changed(path, render_po(catalog), ignore_dates=True)
        print(f"{path.relative_to(ROOT)}: {'updated' if changed else 'unchanged'}")


def cmd_compile() -> None:
    """Compile every language catalog to its ``.mo``."""
    for lang in languages():
        catalog = read_catalog(po_path(lang), locale=lang)
        changed = _write_if_changed(mo_path(lang), compile_mo(catalog), ignore_dates=False)
        print(f"{mo_path(lang).relative_to(ROOT)}: {'updated' if changed else 'unchanged'}")


def placeholders(text: str) -> set[str]:
    """The named ``{placeholders}`` of a message (``str.format`` syntax)."""
    names: set[str] = set()
    for _literal, field, _spec, _conversion in string.Formatter().parse(text):
        if field is not None:
            names.add(field)
    return names


def placeholder_problem(message: Message) -> str | None:
    """Why a translation's ``{placeholders}`` do not fit its message, or ``None``.

    A singular message's translation must use exactly the msgid's placeholders. For a
    plural message, every form may use only placeholders of the English forms, and the
    last ("other") form must use all of them: a one-form language such as Persian puts
    ``{count}`` in its only form even where English says "one study group".
    """
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    strings = message_strings(message)
    expected = placeholders(msgid) | placeholders(_plural_id(message) or "")
    found = [placeholders(s) for s in strings]
    if _plural_id(message) is None:
        ok = found[0] == expected
    else:
        ok = all(f <= expected for f in found) and found[-1] == expected
    if ok:
        return None
    return (
        f"placeholders of {msgid!r} are {[sorted(f) for f in found]}, expected {sorted(expected)}"
    )


def catalog_problems(lang: str, template: Catalog) -> list[str]:
    """Everything wrong with one language's catalogs, as readable lines."""
    problems: list[str] = []
    po = po_path(lang)
    catalog = read_catalog(po, locale=lang)
    name = po.relative_to(ROOT)
    wanted = message_keys(template)
    have = message_keys(catalog)
    for key in wanted.keys() - have.keys():
        problems.append(f"{name}: missing {key[0]!r} (run: python tools/i18n.py update)")
    for key in have.keys() - wanted.keys():
        problems.append(f"{name}: obsolete {key[0]!r} (run: python tools/i18n.py update)")
    for (msgid, _context), message in have.items():
        strings = message_strings(message)
        if message.fuzzy:
            problems.append(f"{name}: fuzzy {msgid!r}")
        if not all(s and s.strip() for s in strings):
            problems.append(f"{name}: untranslated {msgid!r}")
            continue
        problem = None if message.fuzzy else placeholder_problem(message)
        if problem:
            problems.append(f"{name}: {problem}")
        for s in strings:
            if lang == "fa" and any(ch in s for ch in ARABIC_LETTERS):
                problems.append(f"{name}: Arabic ي/ى/ك instead of Persian ی/ک in {msgid!r}")
    mo = mo_path(lang)
    if not mo.exists():
        problems.append(f"{mo.relative_to(ROOT)}: missing (run: python tools/i18n.py compile)")
    else:
        with mo.open("rb") as fp:
            compiled = read_mo(fp)
        expected_mo = read_mo(io.BytesIO(compile_mo(catalog)))
        if _mo_contents(compiled) != _mo_contents(expected_mo):
            problems.append(
                f"{mo.relative_to(ROOT)}: differs from {name} (run: python tools/i18n.py compile)"
            )
    return problems


def _mo_contents(catalog: Catalog) -> tuple[dict[MessageKey, list[str]], str | None]:
    messages = {key: message_strings(m) for key, m in message_keys(catalog).items()}
    return messages, catalog.plural_forms if catalog.locale else None


def check_problems() -> list[str]:
    """Everything out of date or incomplete in ``translations/``."""
    problems: list[str] = []
    extracted = message_keys(extract())
    if not POT.exists():
        return [f"{POT.relative_to(ROOT)}: missing (run: python tools/i18n.py extract)"]
    template = read_catalog(POT)
    in_pot = message_keys(template)
    for key in extracted.keys() - in_pot.keys():
        problems.append(f"{POT.relative_to(ROOT)}: lacks new message {key[0]!r}")
    for key in in_pot.keys() - extracted.keys():
        problems.append(f"{POT.relative_to(ROOT)}: has stale message {key[0]!r}")
    for key in extracted.keys() & in_pot.keys():
        if _plural_id(extracted[key]) != _plural_id(in_pot[key]):
            problems.append(f"{POT.relative_to(ROOT)}: plural of {key[0]!r} changed")
    if problems:
        problems.append("run: python tools/i18n.py update")
    for lang in languages():
        problems.extend(catalog_problems(lang, template))
    return problems


def cmd_check() -> int:
    """Print every problem; return the exit status."""
    problems = check_problems()
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print(f"catalogs OK: {', '.join(languages())}")
    return 1 if problems else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("extract", help="write translations/app.pot from the code")
    update = commands.add_parser("update", help="extract and merge into every <lang>/app.po")
    update.add_argument(
        "--add", metavar="LANG", action="append", default=[], help="start a new language"
    )
    commands.add_parser("compile", help="compile every <lang>/app.po to app.mo")
    commands.add_parser("check", help="fail if catalogs are stale, incomplete or uncompiled")
    args = parser.parse_args(argv)
    if args.command == "extract":
        cmd_extract()
    elif args.command == "update":
        cmd_update(args.add)
    elif args.command == "compile":
        cmd_compile()
    else:
        return cmd_check()
    return 0


if __name__ == "__main__":
    sys.exit(main())
