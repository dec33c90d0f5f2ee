"""Tests of the core: everything below the Textual layer. Nothing here imports Textual
or Rich (tests/core/test_architecture.py checks it)."""
