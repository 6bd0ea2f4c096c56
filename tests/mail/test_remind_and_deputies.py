"""invite -f eml --remind: only members without a reply; mail.copy_deputies: Cc to deputies."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

from kogsro import api
from kogsro.mail.drafts import draft_invitations
from kogsro.workspace.loader import load_workspace
from tests.conftest import run_cli
from tests.rsvp_workspace import rsvp_workspace


def test_remind_writes_drafts_only_to_members_without_a_reply(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    session = ws.sessions[0]
    api.record_rsvp(ws, session, "spk-a", "yes")
    api.record_rsvp(ws, session, "spk-nk-v", "yes")  # the standing deputy answers for spk-nk
    drafts, warnings = draft_invitations(ws, session, remind=True)
    assert [d.name for d in drafts] == ["sen-1"]  # sen-2 has no address
    assert any("Björn Beispielmann" in w for w in warnings)
    assert str(drafts[0].message["Subject"]).startswith("Erinnerung: Einladung: KoG SRO am")
    code, out, err = run_cli("invite", "2023-03-21", "-f", "eml", "--remind", cwd=ws.root)
    assert code == 0, err
    assert "wrote 1 draft to out/2023-03-21/mail-remind/ (sen-1.eml)" in out
    api.record_rsvp(ws, session, "sen-1", "no")
    code, _out, err = run_cli("invite", "2023-03-21", "-f", "eml", "--remind", cwd=ws.root)
    assert code == 2
    assert "nobody to remind" in err
    code, _out, err = run_cli("invite", "2023-03-21", "-f", "pdf", "--remind", cwd=ws.root)
    assert code == 2
    assert "--remind writes e-mail drafts" in err


def test_standing_deputies_get_the_invitation_in_copy(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    config = ws.root / "kogsro.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "mail: {copy_deputies: true}\n")
    ws = load_workspace(ws.root)
    drafts, _warnings = draft_invitations(ws, ws.sessions[0])
    by_name = {d.name: d for d in drafts}
    leyla = by_name["spk-nk"]
    parsed = email.message_from_bytes(leyla.as_bytes(), policy=email.policy.default)
    assert parsed["To"] == "Leyla Beispielfrau <Leyla.Beispielfrau@example.org>"
    assert parsed["Cc"] == "Tobias Vertretungsmann <tobias.vertretungsmann@example.org>"
    assert leyla.addresses == [
        "Leyla.Beispielfrau@example.org",
        "tobias.vertretungsmann@example.org",
    ]
    assert "Cc" not in by_name["spk-a"].message
    assert "spk-nk-v" not in by_name  # no draft of their own
    everyone = draft_invitations(ws, ws.sessions[0], bcc=True)[0][0]
    assert "tobias.vertretungsmann@example.org" in everyone.addresses


def test_without_copy_deputies_nobody_is_copied(tmp_path: Path) -> None:
    ws = rsvp_workspace(tmp_path)
    drafts, _warnings = draft_invitations(ws, ws.sessions[0])
    assert all("Cc" not in d.message for d in drafts)
