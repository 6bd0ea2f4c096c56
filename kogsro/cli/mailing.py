"""The calendar and mail side of `kogsro invite`: -f ics, -f eml and --send."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from kogsro.mail.send import SendReport
    from kogsro.workspace.loader import Workspace
    from kogsro.workspace.model import Session

STATUS_WORDS = {
    "pending": "would send",
    "sent": "sent",
    "skipped": "skipped",
    "failed": "FAILED",
}


def warn_all(messages: list[str]) -> None:
    from kogsro.cli.output import warn

    for message in messages:
        warn(message)


def period_notice(ws: Workspace, session: Session) -> None:
    """Warn when an invitation sent today (or on ``invited_on``) is late."""
    from kogsro.api import invitation_period_notice

    notice = invitation_period_notice(ws, session)
    if notice:
        warn_all([notice])


def write_ics(
    ws: Workspace,
    session: Session,
    output: Path | None,
    *,
    lang: str,
    public: bool,
    force: bool,
    announce: bool = True,
) -> list[Path]:
    from kogsro.api import invitation_ics
    from kogsro.cli.common import write_result

    data, default, warnings = invitation_ics(ws, session, lang=lang, public=public)
    warn_all(warnings)
    path = write_result(ws, data, output, default=default, force=force, announce=announce)
    return [path] if path is not None else []


def write_eml(
    ws: Workspace,
    session: Session,
    output: Path | None,
    *,
    lang: str,
    bcc: bool,
    attach_pdf: bool,
    force: bool,
    announce: bool = True,
    remind: bool = False,
) -> list[Path]:
    from kogsro.api import invitation_drafts, write_invitation_drafts
    from kogsro.cli.output import write_bytes_to_stdout
    from kogsro.errors import UsageError

    to_stdout = output is not None and str(output) == "-"
    if to_stdout and not bcc:
        raise UsageError(
            "-o - writes one message, but there is one draft per person",
            hint="pass --bcc for one draft to all, or -o DIR for a folder of drafts",
        )
    drafts, warnings = invitation_drafts(
        ws, session, bcc=bcc, attach_pdf=attach_pdf, lang=lang, remind=remind
    )
    warn_all(warnings)
    if to_stdout:
        if len(drafts) > 1:
            raise UsageError(
                "-o - writes one message, but the guests get their own version "
                "(only public items and the items they present)",
                hint="pass -o DIR for a folder of drafts",
            )
        write_bytes_to_stdout(drafts[0].as_bytes())
        return []
    folder, paths = write_invitation_drafts(ws, session, drafts, output, force=force, remind=remind)
    count = len(paths)
    if announce:
        typer.echo(
            f"wrote {count} draft{'s' if count != 1 else ''} to {ws.display(folder)}/"
            + (f" ({paths[0].name})" if count == 1 else "")
        )
    return list(paths)


def send_and_report(
    ws: Workspace,
    session: Session,
    *,
    lang: str,
    bcc: bool,
    attach_pdf: bool,
    yes: bool,
    resend: bool,
    json_: bool,
) -> None:
    from kogsro.api import invitation_drafts
    from kogsro.api import send_invitation as send
    from kogsro.cli.output import print_json

    def ask_password(user: str) -> str:
        return str(typer.prompt(f"SMTP password of {user}", hide_input=True))

    messages, warnings = invitation_drafts(
        ws, session, bcc=bcc, attach_pdf=attach_pdf, lang=lang, to_send=True
    )
    warn_all(warnings)
    report = send(
        ws,
        session,
        messages,
        really=yes,
        resend=resend,
        ask_password=ask_password if sys.stdin.isatty() else None,
    )
    if json_:
        print_json(report.as_dict())
    else:
        print_report(ws, session, report)
    report.raise_for_failures()


def print_report(ws: Workspace, session: Session, report: SendReport) -> None:
    lines = [
        f"{report.subject}",
        f"  from {report.sender} via {report.server}",
    ]
    width = max((len(STATUS_WORDS[d.status]) for d in report.deliveries), default=0)
    for delivery in report.deliveries:
        who = f"{delivery.invitee.name} <{delivery.invitee.email}>"
        line = f"  {STATUS_WORDS[delivery.status]:<{width}}  {who}"
        if delivery.detail:
            line += f": {delivery.detail}"
        if delivery.status == "skipped":  # sent before: the send log says so
            line += " (--resend sends it again)"
        lines.append(line)
    typer.echo("\n".join(lines))
    if report.dry_run:
        pending = report.count("pending")
        typer.echo(
            f"dry run: nothing sent; {pending} recipient{'s' if pending != 1 else ''} to reach "
            "(pass --yes to send)"
        )
        return
    sent, failed, skipped = report.count("sent"), report.count("failed"), report.count("skipped")
    typer.echo(
        f"{sent} sent, {failed} failed, {skipped} skipped; send log: {ws.display(report.log)}"
    )
    if sent and session.invited_on is None and report.method == "REQUEST":
        from kogsro.clock import today

        where = session.source.file if session.source is not None else session.id
        typer.echo(f"record the date in {where}: invited_on: {today().isoformat()}")


def circulate(
    ws: Workspace,
    session: Session,
    output: Path | None,
    *,
    lang: str,
    bcc: bool,
    send: bool,
    yes: bool,
    resend: bool,
    force: bool,
    json_: bool,
) -> None:
    """`kogsro minutes --circulate`: drafts, or --send; print what was done."""
    from kogsro import api
    from kogsro.cli.output import print_json

    def ask_password(user: str) -> str:
        return str(typer.prompt(f"SMTP password of {user}", hide_input=True))

    if send:
        result = api.send_minutes(
            ws,
            session,
            lang=lang,
            bcc=bcc,
            yes=yes,
            resend=resend,
            ask_password=ask_password if sys.stdin.isatty() else None,
        )
    else:
        result = api.circulate_minutes(ws, session, lang=lang, bcc=bcc, folder=output, force=force)
    warn_all(result.warnings)
    if json_:
        data: dict[str, object] = {
            "session": session.id,
            "drafts": [str(p) for p in result.paths],
            "recorded": str(result.recorded) if result.recorded else None,
            "objections_until": result.objections_until.isoformat()
            if result.objections_until
            else None,
        }
        if result.report is not None:
            data["send"] = result.report.as_dict()
        print_json(data)
    else:
        if result.report is not None:
            print_report(ws, session, result.report)
        if result.paths:
            count = len(result.paths)
            folder = result.paths[0].parent
            typer.echo(f"wrote {count} draft{'s' if count != 1 else ''} to {ws.display(folder)}/")
        if result.recorded is not None and result.objections_until is not None:
            typer.echo(
                f"minutes of {session.id} circulated; objections by "
                f"{result.objections_until.isoformat()} (recorded in "
                f"{ws.display(result.recorded)})"
            )
    if result.report is not None:
        result.report.raise_for_failures()
