"""The gettext catalogs: fresh, complete, compiled, and written in Persian letters.

When one of these fails after a change to the interface words, run::

    python tools/i18n.py update     # refresh app.pot and merge it into fa/app.po
    (translate the new or fuzzy fa entries)
    python tools/i18n.py compile    # rebuild fa/app.mo
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import read_mo

ROOT = Path(__file__).resolve().parents[2]
FIX = "run `python tools/i18n.py update`, translate, then `python tools/i18n.py compile`"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "trialguide_tools_i18n", ROOT / "tools" / "i18n.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


tool = _load_tool()


@pytest.fixture(scope="module")
def template() -> Catalog:
    return tool.read_catalog(tool.POT)


@pytest.fixture(scope="module")
def fa() -> Catalog:
    return tool.read_catalog(tool.po_path("fa"), locale="fa")


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def _msgids(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def test_catalog_languages_match_the_app() -> None:
    from app.i18n import SOURCE_LANGUAGE, SUPPORTED

    assert tool.languages() == sorted(set(SUPPORTED) - {SOURCE_LANGUAGE})


def test_pot_is_fresh(template: Catalog) -> None:
    extracted = tool.message_keys(tool.extract())
    in_pot = tool.message_keys(template)
    assert sorted(extracted.keys() - in_pot.keys()) == [], f"new messages not in app.pot: {FIX}"
    assert sorted(in_pot.keys() - extracted.keys()) == [], f"stale messages in app.pot: {FIX}"
    for key, message in extracted.items():
        assert _msgids(message) == _msgids(in_pot[key]), f"plural changed: {FIX}"


def test_fa_has_every_message(template: Catalog, fa: Catalog) -> None:
    wanted = tool.message_keys(template)
    have = tool.message_keys(fa)
    assert sorted(wanted.keys() - have.keys()) == [], f"missing from fa/app.po: {FIX}"
    assert sorted(have.keys() - wanted.keys()) == [], f"obsolete in fa/app.po: {FIX}"


def test_fa_is_translated_and_not_fuzzy(fa: Catalog) -> None:
    untranslated = [m.id for m in fa if m.id and not all(s and s.strip() for s in _strings(m))]
    fuzzy = [m.id for m in fa if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []
    assert not fa.fuzzy, "the fa catalog header is marked fuzzy"


def test_fa_plural_forms(fa: Catalog) -> None:
    assert fa.num_plurals == 1  # Persian nouns stay singular after a number
    for message in fa:
        if message.id and message.pluralizable:
            assert len(_strings(message)) == fa.num_plurals


def test_mo_matches_po(fa: Catalog) -> None:
    with tool.mo_path("fa").open("rb") as fp:
        compiled = read_mo(fp)
    expected = {
        k: _strings(m) for k, m in tool.message_keys(fa).items() if not m.fuzzy and all(_strings(m))
    }
    actual = {k: _strings(m) for k, m in tool.message_keys(compiled).items()}
    assert actual == expected, f"fa/app.mo is stale: {FIX}"
    assert compiled.plural_forms == fa.plural_forms


def test_fa_uses_persian_letters_not_arabic(fa: Catalog) -> None:
    bad = [m.id for m in fa if m.id and any(re.search("[يىك]", s) for s in _strings(m))]
    assert bad == [], "use Persian ی and ک, not Arabic ي/ى/ك"


#: A Latin term with its digits ("SHA-256", "F6") stays Latin inside Persian prose.
_LATIN_TERM = re.compile(r"[A-Za-z][A-Za-z0-9\-]*[0-9]")


def _prose(text: str) -> str:
    return _LATIN_TERM.sub("", re.sub(r"\{[^}]*\}", "", text))


def test_fa_uses_persian_digits(fa: Catalog) -> None:
    bad = [m.id for m in fa if m.id and any(re.search(r"[0-9٠-٩]", _prose(s)) for s in _strings(m))]
    assert bad == [], "write numbers in fa messages with Persian digits ۰-۹"


def test_latin_terms_may_keep_their_digits() -> None:
    assert _prose("چکیده (SHA-256)") == "چکیده ()"
    assert re.search(r"[0-9]", _prose("کلید F6 یا ۲۵ سال")) is None
    assert re.search(r"[0-9]", _prose("۲5 سال"))


def test_fa_placeholders_match(fa: Catalog) -> None:
    bad = [
        tool.placeholder_problem(m) for m in fa if m.id and all(_strings(m))
    ]  # untranslated messages fail another test
    assert [b for b in bad if b] == []


def test_placeholder_rules() -> None:
    singular = Message("{low} to {high}", "{low} تا {high}")
    assert tool.placeholder_problem(singular) is None
    assert tool.placeholder_problem(Message("{low} to {high}", "{low} تا {hi}"))
    plural = Message(("One group", "{count} groups"), ("{count} گروه",))
    assert tool.placeholder_problem(plural) is None
    assert tool.placeholder_problem(Message(("One group", "{count} groups"), ("یک گروه",)))
    two_forms = Message(("One group", "{count} groups"), ("One group", "{count} groups"))
    assert tool.placeholder_problem(two_forms) is None


def test_fa_spacing_is_clean(fa: Catalog) -> None:
    for message in fa:
        for string in _strings(message) if message.id else []:
            assert string == string.strip(), message.id
            assert "  " not in string, message.id
            assert not re.search("\u200c[ \u200c]|[ ]\u200c", string), f"stray ZWNJ: {message.id}"


def test_tool_check_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert tool.main(["check"]) == 0, capsys.readouterr().err
