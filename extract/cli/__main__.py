"""`python -m extract.cli`: the same as `jixiao`."""
import sys

from extract.cli import main

sys.exit(main())
