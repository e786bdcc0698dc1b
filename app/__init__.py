"""TrialGuide: clinical trials explained to the people they may concern."""

import os

# Pydantic loads a plugin for every entry point of the "pydantic" group that any package
# in the environment declares, and hands it each value a model validates: the config
# (its PIN hash among them) and the record. TrialGuide uses none, so none is loaded, and
# the scan of every installed package's entry points (a few ms of each start from
# source) is not made. Set before any of the app's models is defined; it is the switch
# pydantic documents for this.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
