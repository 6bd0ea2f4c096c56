"""Sessions over time: series planning (RRULE, holidays, rotation) and the invitation period."""
