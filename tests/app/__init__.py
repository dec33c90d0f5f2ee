"""Tests of the programs: the Textual app (Pilot, snapshots, a real terminal) and the
command line (which starts the app and the browser mode)."""
