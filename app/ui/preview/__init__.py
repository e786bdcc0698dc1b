"""``trialguide preview RECORD``: the app on a record file, following each save.

:mod:`.watcher` watches and loads the file, :mod:`.panel` is the problem strip,
:mod:`.window` ties them to a main window, and :mod:`.command` is the command's body
(``app.cli`` only registers it).
"""
