"""kogsro: meeting and agenda manager for the KoG SRO.

The core (everything outside :mod:`kogsro.cli`) never imports typer or rich.
"""

__version__ = "0.1.0"
