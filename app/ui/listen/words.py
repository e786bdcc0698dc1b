"""The Listen controls' words (interface catalog messages; Persian in app.po)."""

from __future__ import annotations

from app.i18n import N_

LISTEN = N_("Listen")
LISTEN_SCREEN = N_("Read this screen aloud")
LISTEN_PART = N_("Read this part aloud")
PAUSE = N_("Pause")
PAUSE_DESCRIPTION = N_("Stop for a moment; Resume goes on from here")
RESUME = N_("Resume")
RESUME_DESCRIPTION = N_("Go on reading from where it stopped")
STOP = N_("Stop")
STOP_DESCRIPTION = N_("Stop reading aloud")
REPEAT = N_("Repeat")
REPEAT_DESCRIPTION = N_("Read this part again")
SLOWER = N_("Slower")
SLOWER_DESCRIPTION = N_("Read more slowly")
NORMAL_SPEED = N_("Normal speed")
NORMAL_DESCRIPTION = N_("Read at normal speed")
QUIETER = N_("Quieter")
QUIETER_DESCRIPTION = N_("Make the voice quieter")
LOUDER = N_("Louder")
LOUDER_DESCRIPTION = N_("Make the voice louder")
VOLUME = N_("Volume {percent}%")
READING = N_("Reading aloud…")
LOADING = N_("Getting ready to read…")
PAUSED = N_("Paused")
OFFER = N_("Reading stopped. Tap Listen to hear this screen in {language}.")
NO_SOUND = N_("Reading aloud is not available here. Please ask the clinic staff.")
CONTROLS = N_("Reading aloud controls")
