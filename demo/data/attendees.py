"""Who registers for this year's summit besides its speakers, and what the demo attendee
starred."""

# Registrations besides the organizer (staff pass) and the scheduled speakers (speaker passes),
# with the pass `registration_create` gives each: speakers of talks accepted too late for the
# agenda get a speaker pass too, and a company's complimentary passes run out in this order.
REGISTRATIONS = (
    ("Brunner", "member"),
    ("Østergaard", "member"),
    ("Virtanen", "member"),
    ("Evans", "member"),
    ("Smit", "member"),
    ("Krüger", "member"),
    ("Dahl", "speaker"),
    ("Delgado", "speaker"),
    ("Ortega", "speaker"),
    ("Keller", "paid"),
    ("Turner", "paid"),
    ("Nowak", "paid"),
    ("O'Connor", "paid"),
    ("Haugen", "paid"),
)
# What the demo attendee starred: submission keys, or titles of blocks. It includes a clash
# and the session cancelled in 1.1.
ATTENDEE_STARS = (
    "Opening keynote: a year of Polaris, and the next one",
    "nordhavn-appliance",
    "meridian-contracts",
    "brightwave-events",  # at the same time as the one above: My agenda marks the clash
    "cobalt-query-tags",
    "panel-migration",
    "keystone-keynote",
    "meridian-phi",
    "panel-finops",
    "Summit social: canal cruise and dinner",
    "meridian-keynote",
    "helvion-gxp",
    "nordhavn-access",
    "panel-future",
)

# Who signs up for the labs (demo.data.schedule.SIGNUP_LABS), in order. The streams lab has
# four seats, so the last two wait: the demo attendee (Brunner) is second on its waitlist,
# and has a seat at the dbt lab.
LAB_SIGNUPS = {
    "ostara-dbt-lab": ("Brunner", "Evans", "Smit"),
    "brightwave-streams-lab": ("Keller", "Turner", "Nowak", "O'Connor", "Haugen", "Brunner"),
}
