"""Run ``trialguide`` (app.cli.main) for a start-up measurement.

:meth:`app.launch.Launch.show` installs :mod:`app.ui.paint_probe` on the window it
shows; with ``TRIALGUIDE_EXIT_AFTER_PAINT=1`` in the environment the app prints its
first paint and quits. Usage: ``python benchmarks/_probe_app.py [trialguide options]``.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
