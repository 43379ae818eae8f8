"""Run the command line: ``python -m handouts``."""

import sys

from handouts.cli import main

sys.exit(main())
