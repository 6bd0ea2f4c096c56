"""E-mail: drafts of the invitations, sending through SMTP, the send log."""
