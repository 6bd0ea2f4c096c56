"""Each module registers its commands on the app when imported (in help order)."""

from kogsro.cli.commands import basic, calendar  # noqa: F401
