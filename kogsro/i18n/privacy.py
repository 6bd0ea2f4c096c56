"""Fixed strings of public documents: what stands where contact data was removed."""

from __future__ import annotations

# key: (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    "masked_email": ("[E-Mail-Adresse entfernt]", "[e-mail address removed]"),
    "masked_phone": ("[Telefonnummer entfernt]", "[phone number removed]"),
}
