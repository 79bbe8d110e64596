"""After the sessions: attendees' evaluations of the sessions they attended, the results
speakers, organizers and next year's reviewers see, and certificates of attendance with
their continuing-education credit hours."""
