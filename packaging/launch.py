"""The frozen bundle's entry point (PyInstaller runs this file as ``__main__``).

It checks the bundle's assets before the ``kanpe`` command runs; see kanpe.selftest.bundle_main.
"""

import sys

from kanpe.selftest import bundle_main

sys.exit(bundle_main())
