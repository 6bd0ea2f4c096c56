"""The ``kogsro`` command line: Typer commands only, no logic.

Start-up matters: this module imports nothing but typer. Each command imports the core when
it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from kogsro import __version__

# Every exit code kogsro sets, in one place.
EXIT_FAILED = 1  # the command ran, but not all went well: a delivery, some documents, overdue tasks
EXIT_BAD_INPUT = 2  # invalid input files or options: every problem reported, nothing written
EXIT_CRASH = 3  # a bug: an unexpected exception
EXIT_INTERRUPTED = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # the reader of standard output went away


def exit_code(exc: BaseException) -> int:
    """The exit code of an error the core raised on purpose (a KogsroError)."""
    from kogsro.errors import DeliveryError, PartlyDone

    return EXIT_FAILED if isinstance(exc, DeliveryError | PartlyDone) else EXIT_BAD_INPUT


class KogsroGroup(TyperGroup):
    """Maps every error to a message and an exit code, in one place."""

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were declared

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """Each command with its whole first sentence, wrapped to the terminal, never cut."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        import warnings

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("default")
            try:
                return self._invoke(ctx)
            finally:
                _show_warnings(caught)

    def _invoke(self, ctx: Any) -> Any:
        import sys

        from kogsro.errors import KogsroError

        try:
            _refuse_nul(ctx)
            result = super().invoke(ctx)
            sys.stdout.flush()  # a full disk or a closed pipe is reported here, not at exit
            return result
        except KogsroError as exc:
            from kogsro.cli.output import report_error

            report_error(exc)
            raise typer.Exit(exit_code(exc)) from None
        except KeyboardInterrupt:
            from kogsro.cli.output import msg

            typer.echo(msg("interrupted"), err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except BrokenPipeError:
            # the reader went away (`kogsro show ... | head`): nothing left to say to it
            import os
            import sys

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(EXIT_BROKEN_PIPE) from None
        except OSError as exc:
            # an operating-system error no part of kogsro turned into a message: say which
            # file (or standard output) and why, as for any other error
            from kogsro.cli.output import report_error
            from kogsro.fsio import os_error

            if (ctx.obj or {}).get("debug"):
                raise
            report_error(os_error(exc.filename or "standard output", exc))
            _quiet_stdout()
            raise typer.Exit(EXIT_BAD_INPUT) from None
        except Exception as exc:
            if type(exc).__module__.startswith(("typer", "click")):
                raise  # exit, abort and usage errors: the framework reports them
            if (ctx.obj or {}).get("debug"):
                raise
            from kogsro.cli.output import report_crash

            report_crash(exc)
            raise typer.Exit(EXIT_CRASH) from None


def _refuse_nul(ctx: Any) -> None:
    """No argument may hold a NUL character: no file name or id can (a usage error)."""
    from kogsro.errors import UsageError

    args = [*getattr(ctx, "protected_args", ()), *ctx.args]
    args += [str(value) for value in (ctx.obj or {}).values() if value is not None]
    for arg in args:
        if "\0" in str(arg):
            raise UsageError(
                f"{str(arg)!r}: an argument cannot hold a NUL character",
                hint="check how the command line was put together",
            )


def _quiet_stdout() -> None:
    """Standard output cannot be written: send what is left in its buffer nowhere, so that
    Python does not fail again when it flushes at exit."""
    import os
    import sys

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _show_warnings(caught: list[Any]) -> None:
    """kogsro's own warnings as `warning: ...` lines; any other the way Python shows it."""
    import warnings

    from kogsro.errors import KogsroWarning

    # still inside catch_warnings(record=True): warnings.showwarning would append to `caught`
    # (an endless loop), so the text is written here
    for item in list(caught):
        if issubclass(item.category, KogsroWarning):
            from kogsro.cli.output import msg

            typer.echo(f"{msg('warning')}: {item.message}", err=True)
        else:
            text = warnings.formatwarning(item.message, item.category, item.filename, item.lineno)
            typer.echo(text, err=True, nl=False)


app = typer.Typer(
    cls=KogsroGroup,
    name="kogsro",
    help="Meeting and agenda manager for the KoG SRO: YAML agendas in; invitations, minutes, "
    "decision logs and calendars out.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kogsro {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    workspace: Annotated[
        Path | None,
        typer.Option(
            "--workspace",
            "-w",
            help="The workspace folder (default: the nearest folder with a kogsro.yaml, "
            "or $KOGSRO_WORKSPACE).",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the full traceback of unexpected errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    ctx.obj = {"workspace": workspace, "debug": debug}


from kogsro.cli import commands  # noqa: E402,F401  (registers the commands)


class LazyCommands(MutableMapping[str, Any]):
    """The commands of a group, each turned into its click command (options, types, help)
    only when it is asked for: a run of ``kogsro minutes`` builds one command, not all of
    them; ``--help`` and shell completion still see every name, in the declared order."""

    def __init__(self, factories: dict[str, Callable[[], Any]]) -> None:
        self._factories = factories
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = self._factories[name]()  # KeyError: no such command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._factories[name] = lambda: command
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._factories[name]
        self._built.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._factories)

    def __len__(self) -> int:
        return len(self._factories)


def command_line() -> Any:
    """The click group of :data:`app`, with the same commands, options and help as Typer
    builds it, but each command built when it is used (building all of them costs about as
    much as starting Typer)."""
    import functools

    import typer.main as typer_main

    registered, groups = app.registered_commands, app.registered_groups
    app.registered_commands, app.registered_groups = [], []
    try:
        group: Any = typer_main.get_command(app)  # the group itself: callback, global options
    finally:
        app.registered_commands, app.registered_groups = registered, groups
    short, markup = app.pretty_exceptions_short, app.rich_markup_mode
    factories: dict[str, Callable[[], Any]] = {}
    for info in registered:
        assert info.callback is not None
        name = info.name or typer_main.get_command_name(info.callback.__name__)
        factories[name] = functools.partial(
            typer_main.get_command_from_info,
            info,
            pretty_exceptions_short=short,
            rich_markup_mode=markup,
        )
    for group_info in groups:
        group_name = typer_main.solve_typer_info_defaults(group_info).name
        assert group_name, "every group of kogsro has a name"
        factories[group_name] = functools.partial(
            typer_main.get_group_from_info,
            group_info,
            pretty_exceptions_short=short,
            rich_markup_mode=markup,
            suggest_commands=app.suggest_commands,
        )
    group.commands = LazyCommands(factories)
    return group


def main() -> None:
    import gc
    import sys

    if sys.argv[1:] == ["--version"]:
        # answered before Typer builds the table of every command and option (about 10 ms)
        sys.stdout.write(f"kogsro {__version__}\n")
        return

    # A command runs briefly and builds large graphs of objects with hardly any cycles among
    # them: collecting rarely keeps a big workspace from being scanned again and again.
    gc.set_threshold(100_000, 50, 100)
    try:
        command_line()(prog_name="kogsro")
    finally:
        # Everything left is freed with the process: frozen, the collector does not walk
        # all of it once more while the interpreter shuts down (about 40 ms).
        gc.freeze()
