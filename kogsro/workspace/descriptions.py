"""What every key of the YAML files means: the descriptions in the JSON Schemas, which editors
show as hover help (yaml-language-server and the like). One entry per field of every model of
:mod:`kogsro.workspace.model`; a test checks that none is missing."""

from __future__ import annotations

MODELS: dict[str, str] = {
    "Config": "The body's settings (kogsro.yaml): names, language, defaults for new sessions, "
    "host rotation, the series of sessions, mail and folders.",
    "Roster": "The roster (attendees.yaml): the organisations and the people of the body.",
    "Session": "One session (agendas/<date>.yaml): the agenda before it, attendance and "
    "outcomes after it. The session's id is the file name without .yaml.",
    "Location": "A place: name, address, room, online link, directions.",
    "BodyInfo": "The body: its names and contact.",
    "StandardItem": "An item every new session starts with.",
    "Defaults": "Defaults for new sessions.",
    "Series": "How sessions recur, for `kogsro plan`.",
    "Smtp": "The mail server.",
    "Mail": "Sending invitations by e-mail.",
    "Paths": "Folders of the workspace, relative to kogsro.yaml.",
    "Site": "The website made by `kogsro site`.",
    "Organisation": "An organisation: a district office, a Senate department, a guest.",
    "Person": "A person of the roster.",
    "Vote": "The counted vote on a decision.",
    "Decision": "A decision taken under an item.",
    "Action": "A task agreed under an item.",
    "Item": "An agenda item (TOP), with its sub-items and, after the session, its outcomes.",
    "InlineGuest": "A guest who is not in attendees.yaml.",
    "Attachment": "An Anlage of an item: a file inside the workspace or an http(s) link.",
    "Attendance": "Who was at the session.",
    "ActionUpdate": "A change to a task of an earlier session.",
    "DecisionUpdate": "A change to a decision of an earlier session.",
    "Correction": "A correction of approved minutes (Berichtigung).",
    "DocumentSettings": "How the documents an office sends read: footer and salutation.",
}

FIELDS: dict[str, dict[str, str]] = {
    "Location": {
        "name": "Name of the place, e.g. 'Gutshaus Steglitz' or 'Videokonferenz'.",
        "address": "Street address, e.g. 'Schloßstraße 48, 12165 Berlin'.",
        "room": "Room within the building.",
        "online": "Link for online participation (left out of public documents).",
        "directions": "How to get there (public transport, entrance).",
    },
    "BodyInfo": {
        "name": "Full name of the body, as in the letterhead.",
        "short": "Short name used in subject lines, headers and calendar entries, e.g. 'KoG SRO'.",
        "email": "The body's central e-mail address (office); published as its contact.",
        "address": "The body's postal address.",
        "website": "The body's website (http or https link).",
    },
    "StandardItem": {
        "title": "Title of the item every new session starts with.",
        "kind": "information, discussion or decision.",
        "duration": "Planned duration in minutes.",
        "public": "Whether the item is public (Ö) or not (N); default: the session's.",
    },
    "Defaults": {
        "start": "Start time of new sessions, HH:MM.",
        "duration": "Planned duration of a session in minutes.",
        "location": "Where sessions take place when neither the session nor its host says.",
        "invitation_days": "Invitation period (Ladungsfrist): invite at least this many days "
        "before the session.",
        "quorum": "Quorum: half (more than half of the members), two-thirds, all, or a number "
        "of members.",
        "public": "Whether items are public (Ö) unless they say otherwise.",
        "rsvp_days": "Replies to the invitation are asked for this many days before the session.",
        "items": "The standard items every new agenda starts with.",
    },
    "Series": {
        "rule": "When sessions recur, as an RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=2TU.",
        "on_holiday": "A date on a Berlin public holiday: skip it, or move to the next-workday.",
        "breaks": "Periods without sessions as MM-DD..MM-DD, e.g. '07-01..08-31'.",
    },
    "Smtp": {
        "host": "The SMTP server's host name.",
        "port": "The SMTP server's port (587 for STARTTLS, 465 for SSL).",
        "security": "starttls, ssl or none.",
        "user": "User name for the SMTP login; the password is asked for or taken from "
        "KOGSRO_SMTP_PASSWORD.",
    },
    "Mail": {
        "from": "Sender of the invitation e-mails, e.g. 'KoG SRO <kog-sro@example.org>'.",
        "reply_to": "Where replies go, when not to the sender.",
        "smtp": "The server that sends the e-mails.",
        "copy_deputies": "Whether standing deputies (deputy_of) get their member's invitation "
        "in copy (Cc).",
        "max_attachments_mb": "Attachment files go with the invitation e-mail up to this size in "
        "all (MB, default 10); above it the e-mail names them instead.",
    },
    "Paths": {
        "agendas": "Folder of the session files.",
        "templates": "Folder of the workspace's own templates (they replace built-in ones of "
        "the same name).",
        "out": "Folder of the rendered documents.",
    },
    "Site": {
        "base_url": "Where the website is published (https://...); shown in the accessibility "
        "statement and used for canonical links and the calendar address.",
        "imprint": "Text of the imprint (Impressum): who is responsible, with address.",
        "contact": "Contact for questions and accessibility feedback: an e-mail address or a "
        "text; default: body.email.",
        "statement_date": "The date the accessibility statement was last reviewed "
        "(default: the day the site is built).",
    },
    "Config": {
        "body": "Names and contact of the body.",
        "language": "Language of the documents: de or en.",
        "timezone": "Time zone of the sessions, e.g. Europe/Berlin.",
        "numbering": "Prefix of item numbers, e.g. TOP (TOP 1, TOP 2.1).",
        "numbering_start": "Number the sessions in date order from this number "
        "('28. Sitzung der KoG SRO'); cancelled and postponed sessions get none.",
        "defaults": "Defaults for new sessions; each session file can override them.",
        "rotation": "Order in which organisations host (and chair) sessions: organisation ids.",
        "series": "How sessions recur, for planning a year.",
        "mail": "Sending invitations by e-mail.",
        "paths": "Folders of the workspace.",
        "site": "The public website (kogsro site): imprint, contact, address.",
        "documents": "How the documents read: the footer line and the letters' salutation.",
    },
    "Organisation": {
        "id": "Id used to refer to the organisation (lowercase letters, digits, '-', '_', '.').",
        "name": "Full name, e.g. 'Bezirksamt Steglitz-Zehlendorf von Berlin'.",
        "short": "Short name, e.g. 'Steglitz-Zehlendorf'.",
        "kind": "district, senate, guest or other.",
        "address": "Postal address.",
        "email": "E-mail address (left out of public documents).",
        "phone": "Phone number (left out of public documents).",
        "website": "Website (http or https link).",
        "location": "Where the organisation hosts sessions.",
    },
    "Person": {
        "id": "Id used to refer to the person (lowercase letters, digits, '-', '_', '.').",
        "name": "Full name.",
        "organisation": "Id of the person's organisation.",
        "role": "Role or position, e.g. 'SPK-Leitung'.",
        "email": "E-mail address (left out of public documents).",
        "phone": "Phone number (left out of public documents).",
        "member": "Standing member of the body: counts for the quorum.",
        "deputy_of": "Id of the member this person stands in for.",
    },
    "Roster": {
        "organisations": "The districts, Senate departments and guest organisations.",
        "people": "The people: members, deputies and regular guests.",
    },
    "Vote": {
        "yes": "Votes in favour.",
        "no": "Votes against.",
        "abstain": "Abstentions.",
    },
    "Decision": {
        "id": "Own id; default: <session>-top<number>-d<n>, e.g. 2022-06-14-top2-d1.",
        "text": "Wording of the decision.",
        "vote": "The vote: {yes, no, abstain} counts, or 'consensus'.",
    },
    "Action": {
        "id": "Own id; default: <session>-top<number>-a<n>, e.g. 2022-06-14-top4-a1.",
        "task": "What is to be done.",
        "owner": "Who does it: a person or organisation id.",
        "due": "Due date, YYYY-MM-DD.",
        "status": "open, done or dropped; later sessions change it under updates.",
        "note": "A remark on the task.",
    },
    "Item": {
        "title": "Title of the agenda item.",
        "kind": "information, discussion or decision.",
        "duration": "Planned duration in minutes; the time plan is computed from it.",
        "presenters": "Who presents the item: person or organisation ids.",
        "public": "Whether the item is public (Ö) or not (N); default: the session's. "
        "Non-public items are left out of public documents and the website.",
        "description": "What the item is about (shown in the invitation).",
        "documents": "Papers for the item: links (http, https) or names.",
        "attachments": "Anlagen of the item: files of the workspace or links, numbered per "
        "session (Anlage 1, 2, ...) and sent with the invitation and in the Sitzungsmappe.",
        "items": "Sub-items (TOP 2.1, 2.2, ...).",
        "carried_from": "The earlier item this one continues, e.g. 2022-04-12-top5.",
        "notes": "Minutes of the item: what was discussed (after the session).",
        "decisions": "Decisions taken under the item (after the session).",
        "actions": "Tasks agreed under the item (after the session).",
        "status": "done or deferred (after the session).",
    },
    "Attachment": {
        "file": "Path of the file inside the workspace, e.g. attachments/2023-03-21/plan.pdf.",
        "url": "An http(s) link instead of a file.",
        "title": "Title of the Anlage, e.g. 'Entwurf Leitfaden'; default: the file name.",
        "public": "false: the attachment never reaches public output.",
    },
    "InlineGuest": {
        "name": "The guest's name.",
        "organisation": "The guest's organisation, as text.",
        "role": "The guest's role.",
        "email": "The guest's e-mail address (left out of public documents).",
    },
    "Attendance": {
        "present": "Who came: person ids (members and deputies).",
        "excused": "Who sent apologies: person ids.",
        "guests": "Guests who came: ids or {name, organisation}.",
    },
    "ActionUpdate": {
        "action": "Id of the earlier task, e.g. 2022-04-12-top5-a1.",
        "status": "Its new status: open, done or dropped.",
        "due": "Its new due date, YYYY-MM-DD.",
        "note": "What happened.",
    },
    "DecisionUpdate": {
        "decision": "Id of the earlier decision, e.g. 2022-03-09-top4-d1.",
        "status": "revoked or amended.",
        "note": "Why, and what replaces it.",
    },
    "Correction": {
        "date": "The day of the correction, YYYY-MM-DD.",
        "reason": "What was corrected and why.",
    },
    "Session": {
        "title": "Title of the session; default: 'Sitzung der <short name>'.",
        "date": "Date of the session, YYYY-MM-DD.",
        "start": "Start time, HH:MM; default: defaults.start.",
        "end": "End time, HH:MM; default: computed from the items' durations.",
        "status": "planned, invited, held, cancelled or postponed; default: derived from the file.",
        "revision": "Raised with each changed invitation sent (calendar SEQUENCE).",
        "number": "The session's number; later sessions count on from it.",
        "location": "Where the session takes place; default: the host's place, else "
        "defaults.location.",
        "host": "The organisation that invites and hosts: an organisation id.",
        "chair": "Who chairs: an organisation or person id; default: the host.",
        "guests": "Invited guests: ids or {name, organisation, role, email}.",
        "public": "Whether the items are public unless they say otherwise.",
        "invited_on": "The day the invitation was sent, YYYY-MM-DD.",
        "rsvp_by": "Reply to the invitation by this day, YYYY-MM-DD.",
        "notes": "Notes on the session as a whole.",
        "items": "The agenda: items in order.",
        "attendance": "Who was there (after the session).",
        "minutes_by": "Who took the minutes: a person id.",
        "updates": "Changes to earlier tasks and decisions: {action: id, status: done} or "
        "{decision: id, status: revoked}.",
    },
}
