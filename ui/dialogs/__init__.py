"""Dialogs of the main window; each has a classmethod (``ask``/``run``) that tests can patch."""
