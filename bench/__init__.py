"""Kanpe's benchmarks: ``python -m bench`` runs every group, ``python -m bench link`` one.

Each ``bench_<group>.py`` module defines ``main(argv) -> int``, prints its figures with their
ratio to the target, and never asserts: a missed target is a figure to read, not a failure.
"""
