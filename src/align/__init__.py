"""align: check Thai public-sector plans against the national digital frameworks."""

__version__ = "0.1.0"
