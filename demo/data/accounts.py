"""The demo's logins, its organizer and its program committee, and where the site runs."""

SITE_URL = "http://127.0.0.1:8000/"
ADMIN_URL = "http://127.0.0.1:8000/admin/"

# Published with the demo on purpose: the command refuses to run without DEBUG unless forced.
LOGINS = (
    # role, username, password, last name of the person (None: not a member company's person)
    ("organizer", "organizer", "guildhall-demo-organizer", None),
    ("reviewer", "reviewer", "guildhall-demo-reviewer", "Østergaard"),
    ("member", "member", "guildhall-demo-member", "de Vries"),
    ("attendee", "attendee", "guildhall-demo-attendee", "Brunner"),
)
ORGANIZER = {
    "first_name": "Eva",
    "last_name": "Lindqvist",
    "email": "eva.lindqvist@polaris-users.example",
}

# The program committee, by last name. None of them reviews their own company's proposals.
PROGRAM_COMMITTEE = ("Østergaard", "Whitman", "Hughes", "Laurent", "Virtanen", "Evans")
