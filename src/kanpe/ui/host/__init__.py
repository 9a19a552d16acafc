"""The host's console: the rundown, every speaker's card, their timers and cue cards.

It shares what lives in ``kanpe.ui`` (room model, commands, notices, countdown face, theme, keys)
with the speaker's windows in ``kanpe.ui.speaker``; the two packages never import each other.
"""
