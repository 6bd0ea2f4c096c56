"""Fixed strings of the documents an office sends unchanged: the quorum in words, votes
without a quorum, the Ö/N parts of the minutes, the footer and the revised invitation."""

from __future__ import annotations

# key: (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    # the quorum: whom it counts
    "quorum_members_people": ("Mitglieder", "members"),
    "quorum_members_organisations": ("Mitgliedsorganisationen", "member organisations"),
    "quorum_present_organisations": (
        "Vertreten sind {present} von {total} Mitgliedsorganisationen "
        "(je Organisation eine Stimme).",
        "{present} of {total} member organisations are represented (one vote each).",
    ),
    "quorum_sheet": (
        "mindestens {required} von {total} {members}",
        "at least {required} of {total} {members}",
    ),
    "vote_not_quorate": (
        "kein wirksamer Beschluss, da die Sitzung nicht beschlussfähig war",
        "no valid decision: the meeting was not quorate",
    ),
    # the minutes' public and non-public parts
    "public_item": ("öffentlich", "public"),
    "nonpublic_item": ("nichtöffentlich", "non-public"),
    # page furniture
    "document_date": ("Stand: {date}", "As of {date}"),
    # the revised invitation
    "revised_invitation": ("Geänderte Einladung", "Revised invitation"),
    "revised_changes": ("Änderungen", "Changes"),
    "revised_text": (
        "Diese Einladung ersetzt die zuvor versandte. Geändert hat sich:",
        "This invitation replaces the one sent before. What has changed:",
    ),
    "revised_text_plain": (
        "Diese Einladung ersetzt die zuvor versandte.",
        "This invitation replaces the one sent before.",
    ),
}
