"""The fixed strings of the website (``kogsro site``)."""

from __future__ import annotations

# key: (German, English)
STRINGS: dict[str, tuple[str, str]] = {
    "site_skip": ("Zum Inhalt springen", "Skip to content"),
    "site_nav": ("Hauptnavigation", "Main navigation"),
    "site_home": ("Startseite", "Home"),
    "site_sessions": ("Sitzungen", "Meetings"),
    "site_sessions_of_year": ("Sitzungen {year}", "Meetings in {year}"),
    "site_year_count": ("{year} ({count})", "{year} ({count})"),
    "site_years": ("Sitzungen nach Jahren", "Meetings by year"),
    "site_next": ("Nächste Sitzungen", "Next meetings"),
    "site_next_none": ("Es ist keine weitere Sitzung geplant.", "No further meeting is planned."),
    "site_latest_decisions": ("Neueste Beschlüsse", "Latest decisions"),
    "site_all_decisions": ("Alle Beschlüsse", "All decisions"),
    "site_decision_log": ("Beschlussübersicht", "Decision log"),
    "site_task_list": ("Aufgabenliste", "Task list"),
    "site_calendar": ("Kalender abonnieren", "Subscribe to the calendar"),
    "site_calendar_text": (
        "Alle Sitzungstermine als Kalender (iCalendar) zum Abonnieren in Outlook, Thunderbird "
        "oder auf dem Telefon:",
        "Every meeting as a calendar (iCalendar) to subscribe to in Outlook, Thunderbird or on "
        "a phone:",
    ),
    "site_calendar_link": ("Sitzungskalender (ICS)", "Meeting calendar (ICS)"),
    "site_public_edition": ("Öffentliche Fassung", "Public edition"),
    "site_internal_edition": (
        "Interne Fassung – nicht zur Veröffentlichung",
        "Internal edition – not for publication",
    ),
    "site_as_of": ("Stand: {date}", "As of {date}"),
    "site_imprint": ("Impressum", "Imprint"),
    "site_contact": ("Kontakt", "Contact"),
    "site_accessibility": ("Erklärung zur Barrierefreiheit", "Accessibility statement"),
    "site_footer_nav": ("Rechtliches", "Legal"),
    "site_breadcrumb": ("Sie sind hier", "You are here"),
    "site_status": ("Stand der Sitzung", "State of the meeting"),
    "site_state_planned": ("geplant", "planned"),
    "site_state_invited": ("eingeladen", "invited"),
    "site_state_held": ("durchgeführt", "held"),
    "site_state_cancelled": ("abgesagt", "cancelled"),
    "site_minutes_state": ("Protokoll", "Minutes"),
    "site_minutes_approved_on": ("{state} am {date}", "{state} on {date}"),
    "site_state_postponed": ("verlegt", "postponed"),
    "site_documents": ("Dokumente", "Documents"),
    "site_document_pdf": ("{document} (PDF, {size})", "{document} (PDF, {size})"),
    "site_no_documents": ("Noch keine Dokumente.", "No documents yet."),
    "site_session_decisions": ("Beschlüsse dieser Sitzung", "Decisions of this meeting"),
    "site_session_tasks": ("Aufgaben aus dieser Sitzung", "Tasks from this meeting"),
    "site_session_nothing": ("Keine.", "None."),
    "site_previous": ("Vorherige Sitzung", "Previous meeting"),
    "site_next_session": ("Nächste Sitzung", "Next meeting"),
    "site_sessions_none": ("Keine Sitzungen.", "No meetings."),
    "site_column_date": ("Datum", "Date"),
    "site_column_session": ("Sitzung", "Meeting"),
    "site_column_host": ("Gastgeber", "Host"),
    "site_column_place": ("Ort", "Place"),
    "site_column_state": ("Stand", "State"),
    "site_column_owner": ("Zuständig", "Owner"),
    "site_column_due": ("Frist", "Due"),
    "site_column_task": ("Aufgabe", "Task"),
    "site_column_item": ("TOP", "Item"),
    "site_filter": ("Filtern", "Filter"),
    "site_filter_text": ("Suchbegriff", "Search"),
    "site_filter_status": ("Status", "Status"),
    "site_filter_year": ("Jahr", "Year"),
    "site_filter_owner": ("Zuständig", "Owner"),
    "site_filter_all": ("alle", "all"),
    "site_filter_reset": ("Filter zurücksetzen", "Reset filter"),
    "site_filter_count": (
        "{shown} von {total} Einträgen angezeigt",
        "{shown} of {total} entries shown",
    ),
    "site_filter_none": ("Kein Eintrag passt zum Filter.", "No entry matches the filter."),
    "site_filter_nojs": (
        "Die vollständige Liste; mit JavaScript lässt sie sich hier filtern.",
        "The complete list; with JavaScript it can be filtered here.",
    ),
    "site_overdue": ("überfällig", "overdue"),
    "site_public_only_note": (
        "Diese Website enthält nur die öffentlichen Tagesordnungspunkte und keine "
        "Kontaktdaten einzelner Personen.",
        "This website holds only the public agenda items and no contact details of "
        "individual people.",
    ),
    "site_nonpublic_left_out": (
        "Nicht öffentliche Tagesordnungspunkte sind hier nicht aufgeführt.",
        "Non-public agenda items are not listed here.",
    ),
    # imprint
    "site_imprint_publisher": ("Herausgeber", "Publisher"),
    "site_imprint_missing": (
        "Das Impressum ist noch nicht hinterlegt (kogsro.yaml, site.imprint).",
        "No imprint has been given yet (kogsro.yaml, site.imprint).",
    ),
    # accessibility statement
    "site_a11y_scope": (
        "Die {body} ist bemüht, ihre Website im Einklang mit dem Barrierefreie-IKT-Gesetz "
        "Berlin (BIKTG Bln) und der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) "
        "barrierefrei zugänglich zu machen.",
        "The {body} endeavours to make its website accessible in accordance with the Berlin "
        "act on accessible information and communication technology (BIKTG Bln) and the "
        "German accessible information technology ordinance (BITV 2.0).",
    ),
    "site_a11y_applies": (
        "Diese Erklärung zur Barrierefreiheit gilt für diese Website.",
        "This accessibility statement applies to this website.",
    ),
    "site_a11y_applies_url": (
        "Diese Erklärung zur Barrierefreiheit gilt für die Website unter {url}.",
        "This accessibility statement applies to the website at {url}.",
    ),
    "site_a11y_state_heading": (
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Compliance status",
    ),
    "site_a11y_state": (
        "Diese Website ist mit den Anforderungen der BITV 2.0 (WCAG 2.1, Konformitätsstufe "
        "AA, nach EN 301 549) teilweise vereinbar. Die unten genannten Inhalte sind nicht "
        "barrierefrei.",
        "This website is partially compliant with the requirements of BITV 2.0 (WCAG 2.1, "
        "level AA, as in EN 301 549). The content named below is not accessible.",
    ),
    "site_a11y_gaps_heading": ("Nicht barrierefreie Inhalte", "Non-accessible content"),
    "site_a11y_gap_easy": (
        "Erläuterungen zum Inhalt der Website in Deutscher Gebärdensprache und in Leichter "
        "Sprache (§ 4 BITV 2.0) werden noch nicht angeboten.",
        "Explanations of the website's content in German Sign Language and in Easy Language "
        "(section 4 BITV 2.0) are not offered yet.",
    ),
    "site_a11y_gap_links": (
        "Verlinkte Anlagen anderer Websites liegen außerhalb dieser Erklärung.",
        "Linked attachments on other websites are outside this statement.",
    ),
    "site_a11y_method_heading": ("Erstellung dieser Erklärung", "Preparation of this statement"),
    "site_a11y_method": (
        "Diese Erklärung wurde am {date} erstellt. Grundlage ist eine Selbstbewertung: Jede "
        "Seitenart wird bei der Erstellung der Website automatisch mit axe-core auf die "
        "Kriterien der WCAG 2.1 (Stufen A und AA) geprüft. Die PDF-Dateien der Einladungen "
        "und Protokolle werden nach PDF/UA-1 erzeugt; ihr Inhalt steht auch auf der Seite der "
        "jeweiligen Sitzung.",
        "This statement was prepared on {date}. It is based on a self-assessment: every kind "
        "of page is checked automatically with axe-core against the WCAG 2.1 criteria "
        "(levels A and AA) when the website is built. The PDF files of the invitations and "
        "minutes are made as PDF/UA-1; their content is also on the page of each meeting.",
    ),
    "site_a11y_feedback_heading": ("Feedback und Kontakt", "Feedback and contact"),
    "site_a11y_feedback": (
        "Sind Ihnen Mängel beim barrierefreien Zugang zu Inhalten dieser Website aufgefallen, "
        "oder benötigen Sie Informationen in barrierefreier Form? Dann wenden Sie sich bitte "
        "an:",
        "Have you noticed barriers to accessing the content of this website, or do you need "
        "information in an accessible form? Please contact:",
    ),
    "site_a11y_enforcement_heading": ("Durchsetzungsverfahren", "Enforcement procedure"),
    "site_a11y_enforcement": (
        "Wenn Sie keine Antwort innerhalb eines Monats erhalten haben oder mit der Antwort "
        "nicht zufrieden sind, können Sie sich an die Durchsetzungsstelle wenden:",
        "If you have not received an answer within one month or are not satisfied with the "
        "answer, you can turn to the enforcement body:",
    ),
    "site_a11y_enforcement_body": (
        "Landesbeauftragte für digitale Barrierefreiheit, Senatsverwaltung für Inneres und Sport",
        "Berlin State Commissioner for Digital Accessibility, Senate Department for the Interior "
        "and Sport",
    ),
    "site_no_contact": (
        "Es ist noch keine Kontaktadresse hinterlegt (kogsro.yaml, site.contact).",
        "No contact address has been given yet (kogsro.yaml, site.contact).",
    ),
}
