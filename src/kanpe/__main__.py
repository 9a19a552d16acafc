"""``python -m kanpe`` runs the ``kanpe`` command."""

from kanpe.cli import main

raise SystemExit(main())
