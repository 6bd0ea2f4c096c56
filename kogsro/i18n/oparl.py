"""The free texts of the OParl export (organisation kinds, memberships, results, votes)."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "oparl_body": ("Koordinierungsgruppe", "Coordination group"),
    "oparl_district": ("Bezirksamt", "District office"),
    "oparl_senate": ("Senatsverwaltung", "Senate department"),
    "oparl_guest": ("Gastorganisation", "Guest organisation"),
    "oparl_member": ("Mitglied", "Member"),
    "oparl_deputy": ("Stellvertretendes Mitglied", "Deputy member"),
    "oparl_term": ("Sitzungsjahr {year}", "Session year {year}"),
    "oparl_deferred": ("vertagt", "deferred"),
    "oparl_adopted": ("beschlossen", "adopted"),
    "oparl_rejected": ("abgelehnt", "rejected"),
    "oparl_partly": ("teilweise beschlossen", "partly adopted"),
    "oparl_noted": ("zur Kenntnis genommen", "noted"),
    "oparl_dealt": ("behandelt", "dealt with"),
    "oparl_consensus": ("einvernehmlich", "by consensus"),
    "oparl_votes": (
        "{yes} Ja, {no} Nein, {abstain} {abstentions}",
        "{yes} in favour, {no} against, {abstain} {abstentions}",
    ),
}
