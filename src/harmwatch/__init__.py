"""harmwatch: reports of a war in, traceable civilian-harm incidents out."""

__version__ = "0.1.0"
