"""The translator's round trip: a record's patient-facing texts to a PO file and back.

* :mod:`app.translate.export`: the PO file a translator gets (Babel's writer);
* :mod:`app.translate.po_read`: a returned PO file read, bounded and strictly;
* :mod:`app.translate.importer`: its translations checked and written into the YAML;
* :mod:`app.translate.yaml_edit`: the YAML edited round trip (ruamel.yaml), layout kept;
* :mod:`app.translate.commands`: ``trialguide translate export|import|status``.

Text keys and the record's ``translations:`` map are in :mod:`app.record.text_paths`.
No Qt here: the commands run without a display.
"""
