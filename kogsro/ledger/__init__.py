"""What the sessions add up to: decisions and actions folded across sessions, the session
lifecycle, attendance and quorum."""
