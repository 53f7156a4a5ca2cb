"""The version of b2bkg (one place; the build stamps it into the dataset's version)."""

__version__ = "0.1.0"
