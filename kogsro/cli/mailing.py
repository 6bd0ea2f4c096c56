"""The calendar and mail side of `kogsro invite`: -f ics, -f eml and --send."""

from __future__ import annotations

import os
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
    from kogsro.clock import today
    from kogsro.schedule.deadlines import invitation_notice

    notice = invitation_notice(ws, session, today())
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
    from kogsro.cli.common import write_result
    from kogsro.documents.calendar import invitation_calendar
    from kogsro.documents.session_docs import default_output_path
    from kogsro.workspace.recipients import recipients

    guests = recipients(ws, session)
    warn_all(guests.warnings())
    data = invitation_calendar(ws, session, public=public, guests=guests, lang=lang)
    default = default_output_path(ws, session, "invitation", "ics", lang, public=public)
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
    from kogsro.cli.output import write_bytes_to_stdout
    from kogsro.errors import UsageError
    from kogsro.mail.drafts import default_mail_dir, invitation_drafts, write_drafts

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
        write_bytes_to_stdout(drafts[0].as_bytes())
        return []
    folder = output if output is not None else default_mail_dir(ws, session, remind=remind)
    paths = write_drafts(ws, drafts, folder, force=force)
    count = len(paths)
    if announce:
        typer.echo(
            f"wrote {count} draft{'s' if count != 1 else ''} to {ws.display(folder)}/"
            + (f" ({paths[0].name})" if count == 1 else "")
        )
    return list(paths)


def send_invitation(
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
    from kogsro.cli.output import print_json
    from kogsro.mail.drafts import invitation_drafts
    from kogsro.mail.send import PASSWORD_VAR, plan, send, smtp_settings

    settings = smtp_settings(ws)
    drafts, warnings = invitation_drafts(
        ws, session, bcc=bcc, attach_pdf=attach_pdf, lang=lang, draft=False
    )
    warn_all(warnings)
    if not yes:
        report = plan(ws, session, drafts, settings, resend=resend)
    else:
        password = os.environ.get(PASSWORD_VAR)
        if settings.user and password is None and sys.stdin.isatty():
            password = typer.prompt(f"SMTP password of {settings.user}", hide_input=True)
        report = send(ws, session, drafts, settings, password=password, resend=resend)
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
