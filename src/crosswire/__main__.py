"""``python -m crosswire`` runs the command line."""

from crosswire.cli import main

main()
