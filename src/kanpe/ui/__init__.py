"""PySide6 widgets and windows: views of models, no timing or protocol logic."""
