"""Kanpe: a talk timer, presenter overlay and host cue cards for online meetups."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("kanpe")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"
