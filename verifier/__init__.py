"""Source Verifier core: domain, storage and services, shared by the GUI, the CLI and batch jobs.

This package never imports Qt; ``tests/verifier/test_layering.py`` guards that.
"""

__version__ = "0.1.0"
