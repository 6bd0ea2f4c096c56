"""Presentation and rendering: templates filled with typed projections of the sessions, turned into
Markdown, HTML, PDF, iCalendar and OParl; the document cache and the build."""
