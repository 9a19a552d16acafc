"""The speaker's windows: the shared stage (slides beside the feed), the private presenter console
and the always-on-top overlay, with the deck, the feed and the app that wires them (``app``).

What the host console uses too (countdown face, ticker, phases, theme, keys, help, cue card) lives
one level up, in ``kanpe.ui``; ``kanpe.ui.host`` and this package never import each other.
"""
