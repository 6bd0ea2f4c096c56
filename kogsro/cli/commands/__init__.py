"""Each module registers its commands on the app when imported, in help order."""

# isort: skip_file
from kogsro.cli.commands import basic  # noqa: F401  init, check, show, schema
from kogsro.cli.commands import sessions  # noqa: F401  sessions, new, plan
from kogsro.cli.commands import documents  # noqa: F401  invite, minutes, attendance, build
from kogsro.cli.commands import before  # noqa: F401  pack, rsvp
from kogsro.cli.commands import calendar  # noqa: F401  calendar
from kogsro.cli.commands import ledger  # noqa: F401  decisions, actions
from kogsro.cli.commands import export  # noqa: F401  export oparl
from kogsro.cli.commands import site  # noqa: F401  site
