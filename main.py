"""Tianbao (填报): no arguments opens the window; a subcommand runs the command line."""

import sys

from ui.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
