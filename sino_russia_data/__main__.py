"""``python -m sino_russia_data``: the ``sino-russia-data`` command."""

import sys

from .cli import main

sys.exit(main())
