"""Read aloud, offline: what each screen says, as speakable text, as audio.

Below the widgets (QtCore at most), so the screens, the command line and tests share it:

* :mod:`app.speech.script`: what a screen's Listen control reads, in order
  (:func:`~app.speech.script.script_for_screen` -> :class:`~app.speech.script.Utterance`),
  built per screen in :mod:`app.speech.screens` from the messages of
  :mod:`app.speech.words`;
* :mod:`app.speech.normalize`: text as shown -> text as spoken, with a map back to the
  source for highlighting (:func:`~app.speech.normalize.speakable`);
* :mod:`app.speech.engine`: eSpeak NG through ctypes, loaded on first use
  (:func:`~app.speech.engine.synthesize` -> :class:`~app.speech.engine.Speech`);
* :mod:`app.speech.wav`: WAV files, speech joined with pauses;
* :mod:`app.speech.play`: an utterance's audio, the record's recording where it has one,
  and :func:`~app.speech.play.recording_problems` for the staff panel;
* :mod:`app.speech.commands`: ``trialguide speak`` and ``trialguide audio``.

Importing this package loads nothing heavy: the engine's library loads on the first
synthesis, so start-up does not grow.
"""
