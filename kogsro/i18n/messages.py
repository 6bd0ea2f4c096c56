"""The words of the command line's own messages, in the language of the user's locale.

``LANG=de_DE.UTF-8`` (or ``LC_ALL``, ``LC_MESSAGES``, ``LANGUAGE``) gives German, anything else
English. What a problem in a file says stays as written by the check that found it.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "msg_error": ("Fehler", "error"),
    "msg_warning": ("Warnung", "warning"),
    "msg_hint": ("Hinweis", "hint"),
    "msg_internal_error": ("interner Fehler", "internal error"),
    "msg_debug": (
        "mit `kogsro --debug ...` erneut aufrufen, um den Ablauf zu sehen, und den Fehler melden",
        "run again with `kogsro --debug ...` to see the traceback, and report it",
    ),
    "msg_problem": ("1 Problem gefunden", "1 problem found"),
    "msg_problems": ("{count} Probleme gefunden", "{count} problems found"),
    "msg_checked": (
        "ok: {count} Dateien geprüft, keine Probleme",
        "ok: {count} files checked, no problems",
    ),
    "msg_wrote": ("geschrieben: {path}", "wrote {path}"),
    "msg_created_folder": ("Ordner angelegt: {path}", "created the folder {path}"),
    "msg_interrupted": ("abgebrochen", "interrupted"),
}
