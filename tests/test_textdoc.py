"""SafeTextDocument: Qt's rich-text engine never reads a file the app did not add."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument

from app.textdoc import SafeTextDocument


def test_an_image_in_markup_is_never_loaded(qapp, tmp_path):
    image = QImage(4, 4, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    target = tmp_path / "secret.png"
    assert image.save(str(target))
    plain = QTextDocument()
    plain.setHtml(f'<img src="{target}">')
    plain.size()  # layout asks for the image
    # Qt's own document does read it: the hole this class closes.
    assert plain.resource(QTextDocument.ResourceType.ImageResource, QUrl.fromLocalFile(str(target)))

    safe = SafeTextDocument()
    safe.setHtml(f'<img src="{target}"><img src="/dev/zero">')
    safe.size()
    url = QUrl.fromLocalFile(str(target))
    assert safe.resource(QTextDocument.ResourceType.ImageResource, url) is None
    refused = [name for _type, name in safe.refused]
    assert any(str(target) in name for name in refused)
    assert any("/dev/zero" in name for name in refused)


def test_resources_the_app_adds_are_found(qapp):
    image = QImage(2, 2, QImage.Format.Format_RGB32)
    safe = SafeTextDocument()
    url = QUrl("trialguide://qr.png")
    safe.addResource(QTextDocument.ResourceType.ImageResource, url, image)
    safe.setHtml('<img src="trialguide://qr.png">')
    safe.size()
    assert isinstance(safe.resource(QTextDocument.ResourceType.ImageResource, url), QImage)
    assert safe.refused == []
