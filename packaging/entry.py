"""PyInstaller entry point: the ``trialguide`` command."""

import sys

from app.cli import main

sys.exit(main())
