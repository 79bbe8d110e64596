"""Check-in at the door and at sessions: the signed code printed on each badge, recording
arrivals and session attendance, and the staff pages that scan or type the codes."""
