"""``python -m app``: the same as the ``trialguide`` command."""

import sys

from app.cli import main

sys.exit(main())
