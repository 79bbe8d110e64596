"""The public schedule: home, schedule, session and speaker pages (site), the calendar and
conference-app feeds (feeds) and the printed programme (program)."""
