import sys

from djinn.cli import main

sys.exit(main())
