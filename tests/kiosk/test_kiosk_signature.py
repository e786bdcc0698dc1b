"""Signed approval on the kiosk: trusted keys in the config, the banner, the staff panel."""

from __future__ import annotations

import datetime
import re

import pytest
from kiosk_helpers import DEFAULT_RECORD_PATH, staff_info

from app import launch as launcher
from app import signing
from app.i18n.format import FSI, PDI
from app.kiosk.banner import approval_text
from app.kiosk.error_screen import ErrorWindow
from app.record import parse_record
from app.record.approval import (
    ApprovalState,
    SignatureState,
    approval_status,
    content_digest,
    stamp_text,
)

WHEN = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def committee():
    return signing.generate_private_key()


@pytest.fixture(scope="module")
def trusted(committee) -> list[bytes]:
    return [signing.public_key_of(committee)]


@pytest.fixture(scope="module")
def texts(committee) -> dict[str, str]:
    text = DEFAULT_RECORD_PATH.read_text(encoding="utf-8")
    record = parse_record(text.encode())
    signed = stamp_text(text, record, "EC-7", WHEN, committee)
    # The forgery the digest alone cannot catch: text edited, digest recomputed, note changed.
    edited = signed.replace("max: 45", "max: 55", 1)
    digest = content_digest(parse_record(edited.encode()))
    forged = re.sub(r"(?m)^  sha256: .*$", f"  sha256: {digest}", edited)
    forged = forged.replace('note: "EC-7"', 'note: "EC-7 amended"')
    forger = signing.generate_private_key()
    return {
        "signed": signed,
        "unsigned": stamp_text(text, record, "EC-7", WHEN),
        "forged": forged,
        "untrusted": stamp_text(text, record, "EC-7", WHEN, forger),
    }


def _row(panel, key: str) -> str:
    return panel.rows[key][1].text()


def _open_panel(k):
    k.controller.pin_pad.accepted.emit()
    assert k.controller.staff_panel.isVisible()
    return k.controller.staff_panel


def _kiosk(make_kiosk, text: str, trusted_keys):
    record = parse_record(text.encode(), "record.yaml")
    status = approval_status(record, trusted_keys)
    return make_kiosk(record=record, info=staff_info(record, approval=status)), status


def test_signed_by_a_trusted_key_is_approved(make_kiosk, texts, trusted):
    k, status = _kiosk(make_kiosk, texts["signed"], trusted)
    assert status.approved
    assert not k.controller.banner.isVisible()
    panel = _open_panel(k)
    assert _row(panel, "approval") == "Approved: the content matches its approval stamp"
    assert _row(panel, "signature") == f"Signed by key {FSI}{status.signer}{PDI}"


@pytest.mark.parametrize(
    ("name", "signature", "shown"),
    [
        ("unsigned", SignatureState.UNSIGNED, "Not signed"),
        (
            "forged",
            SignatureState.MISMATCH,
            "The signature does not match the stamp: its note, time or digest changed "
            "after signing, or the signature is damaged",
        ),
        ("untrusted", SignatureState.UNTRUSTED, "Signed by an untrusted key {key}"),
    ],
)
def test_without_a_trusted_signature_the_kiosk_shows_a_draft(
    make_kiosk, texts, trusted, name, signature, shown
):
    k, status = _kiosk(make_kiosk, texts[name], trusted)
    assert (status.state, status.signature) == (ApprovalState.UNVERIFIED, signature)
    assert k.controller.banner.isVisible()
    assert "valid signature of the approving committee" in k.controller.banner.label.text()
    panel = _open_panel(k)
    assert panel.banner.isVisible()
    assert _row(panel, "approval") == (
        "Not approved: the record has no valid signature by a trusted key"
    )
    assert _row(panel, "signature") == shown.format(key=f"{FSI}{status.signer}{PDI}")


def test_without_trusted_keys_nothing_changes(make_kiosk, texts):
    shown = {}
    for name in ("unsigned", "forged"):
        k, status = _kiosk(make_kiosk, texts[name], ())
        assert status.approved  # the digest alone decides, as before
        assert not k.controller.banner.isVisible()
        shown[name] = _row(_open_panel(k), "signature")
    assert shown["unsigned"] == "Not signed (not required: the config names no trusted keys)"
    # Staff still see that the signature is broken, though it is not required.
    assert shown["forged"].startswith("The signature does not match the stamp")


def test_signature_row_in_persian(make_kiosk, texts, trusted):
    k, status = _kiosk(make_kiosk, texts["untrusted"], trusted)
    panel = _open_panel(k)
    panel.language_requested.emit("fa")
    assert _row(panel, "signature") == (
        f"امضاشده با کلیدی که مورد اعتماد نیست: {FSI}{status.signer}{PDI}"
    )
    assert "امضای معتبر کمیته‌ی تأییدکننده" in approval_text(ApprovalState.UNVERIFIED)


@pytest.fixture
def launched(qtbot):
    made = []

    def run(*args, **kwargs):
        result = launcher.launch(*args, **kwargs)
        qtbot.addWidget(result.window, before_close_func=lambda w: w.close_guard.allow())
        made.append(result)
        return result

    yield run
    for result in made:
        result.shutdown()
        if isinstance(result.window, ErrorWindow) and result.window.guard is not None:
            result.window.guard.uninstall()


def test_config_trusted_keys_reach_the_window(launched, tmp_path, texts, committee):
    """From the config file to the banner: a .pub beside the config makes a forgery a draft."""
    pub = tmp_path / "committee.pub"
    pub.write_text(signing.format_public_key(signing.public_key_of(committee)), "utf-8")
    config = tmp_path / "trialguide.toml"
    config.write_text('trusted_keys = ["committee.pub"]\n', encoding="utf-8")
    record = tmp_path / "record.yaml"
    record.write_text(texts["forged"], encoding="utf-8")
    forged = launched(str(record), "en", config_path=config)
    assert forged.controller.info.approval.state is ApprovalState.UNVERIFIED
    assert forged.controller.banner.isVisibleTo(forged.window)
    (tmp_path / "signed.yaml").write_text(texts["signed"], encoding="utf-8")
    signed = launched(str(tmp_path / "signed.yaml"), "en", config_path=config)
    assert signed.controller.info.approval.approved
    assert not signed.controller.banner.isVisibleTo(signed.window)


def test_a_malformed_trusted_key_opens_the_config_error_window(launched, tmp_path):
    config = tmp_path / "trialguide.toml"
    config.write_text('trusted_keys = ["ed25519:nope"]\n', encoding="utf-8")
    result = launched(None, "en", config_path=config)
    assert isinstance(result.window, ErrorWindow)
    assert f"{config}: trusted_keys.0:" in result.window.details.toPlainText()
