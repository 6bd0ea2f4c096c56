"""Fixed strings of attachments (Anlagen) and the Sitzungsmappe."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "annex_label": ("Anlage {number}", "Annex {number}"),
    "annexes": ("Anlagen", "Annexes"),
    "mail_annexes_left_out": (
        "Die Anlagen sind zusammen {size} MB groß und liegen dieser E-Mail daher nicht bei: "
        "{annexes}.",
        "The annexes take {size} MB together and are therefore not attached to this e-mail: "
        "{annexes}.",
    ),
    "deputy_display": ("{deputy} i. V. für {member}", "{deputy} on behalf of {member}"),
    "rsvp_seat_yes": ("zugesagt", "coming"),
    "rsvp_seat_no": ("abgesagt", "not coming"),
    "rsvp_seat_maybe": ("vielleicht", "maybe"),
    "rsvp_seat_open": ("", ""),
    "numbered_session_of": ("{number}. Sitzung der {body}", "Meeting No. {number} of the {body}"),
    "document_title_numbered": (
        "{document} – {number}. Sitzung der {body} am {date}",
        "{document} – Meeting No. {number} of the {body} on {date}",
    ),
    "invitation_text_numbered": (
        "hiermit lade ich Sie zur {number}. Sitzung der {body} am {date} um {time} Uhr ein.",
        "You are invited to meeting No. {number} of the {body} on {date} at {time}.",
    ),
    "pack": ("Sitzungsmappe", "Meeting pack"),
    "annex": ("Anlage", "Annex"),
    "annex_title": ("Titel", "Title"),
    "pack_contents": ("Verzeichnis der Anlagen", "List of annexes"),
    "pack_page": ("Seite", "Page"),
    "pack_in_pack": ("in der Mappe", "in this pack"),
    "pack_pages": ("{pages} S.", "{pages} pp."),
    "pack_stamp": (
        "Anlage {number}, Seite {page} von {pages}",
        "Annex {number}, page {page} of {pages}",
    ),
    "pack_link": ("nicht enthalten: Verweis", "not included: a link"),
    "pack_text": ("nicht enthalten: Verweis", "not included: a reference"),
    "pack_left_out_type": (
        "nicht enthalten: Dateityp {suffix} kann nicht eingefügt werden",
        "not included: a {suffix} file cannot be placed",
    ),
    "pack_left_out_pdf_encrypted": (
        "nicht enthalten: die PDF-Datei ist verschlüsselt",
        "not included: the PDF file is encrypted",
    ),
    "pack_left_out_pdf_broken": (
        "nicht enthalten: die PDF-Datei ist beschädigt",
        "not included: the PDF file is damaged",
    ),
    "pack_left_out_pdf_empty": (
        "nicht enthalten: die PDF-Datei hat keine Seiten",
        "not included: the PDF file has no pages",
    ),
}
