"""Run the command line: ``python -m handouts``."""

import sys

from .cli import main

sys.exit(main())
