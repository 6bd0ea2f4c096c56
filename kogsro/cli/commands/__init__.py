"""Each module registers its commands on the app when imported (in help order)."""

from kogsro.cli.commands import (
    basic,  # noqa: F401
    sessions,  # noqa: F401
)
