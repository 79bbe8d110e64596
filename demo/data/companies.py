"""The member companies, their membership history and their people."""

from typing import TypedDict

# (years ago, tier key, membership state): see the note above `COMPANIES`.
Period = tuple[int, str, str]
# (first name, last name, job title); the first of a company is its primary contact.
Person = tuple[str, str, str]


class Company(TypedDict):
    """A member company: `key` is its slug, `domain` its e-mail domain and website, and
    `directory` whether it is listed in the member directory."""

    key: str
    name: str
    industry: str
    country: str
    domain: str
    directory: bool
    offset: int
    periods: tuple[Period, ...]
    description: str
    people: tuple[Person, ...]


# periods: (years ago, tier key, state). 0 is the current period, which starts `offset` days
# before the run (at least 110, so that it covers the whole call for papers); a negative
# offset starts it in the future. A missing year between two periods is a gap in membership.
COMPANIES: tuple[Company, ...] = (
    {
        "key": "vanderlinde",
        "name": "Vanderlinde Retail Group",
        "industry": "retail",
        "country": "NL",
        "domain": "vanderlinde.example",
        "directory": True,
        "offset": 214,
        "periods": (
            (0, "enterprise", "active"),
            (1, "professional", "active"),
            (2, "professional", "active"),
        ),
        "description": "Family-owned grocery and household retailer with 640 stores across the "
        "Benelux and a fast-growing online shop. Runs replenishment, loyalty and e-commerce "
        "analytics on Polaris Warehouse and Polaris Streams.",
        "people": (
            ("Sanne", "de Vries", "Head of Data Platform"),
            ("Joris", "Bakker", "Senior Analytics Engineer"),
            ("Fleur", "Jansen", "Director of Customer Analytics"),
            ("Pieter", "van Dijk", "Data Engineer"),
        ),
    },
    {
        "key": "nordhavn",
        "name": "Nordhavn Bank",
        "industry": "banking",
        "country": "DK",
        "domain": "nordhavnbank.example",
        "directory": True,
        "offset": 301,
        "periods": ((0, "enterprise", "active"), (1, "enterprise", "active")),
        "description": "Danish retail and business bank serving 1.8 million customers. Moved its "
        "regulatory reporting and risk data marts from an on-premises appliance to Polaris.",
        "people": (
            ("Mette", "Kristensen", "Chief Data Officer"),
            ("Lars", "Østergaard", "Lead Data Architect"),
            ("Freja", "Holm", "Risk Data Engineer"),
            ("Rasmus", "Dahl", "BI Developer"),
        ),
    },
    {
        "key": "aurelia",
        "name": "Aurelia Assicurazioni",
        "industry": "insurance",
        "country": "IT",
        "domain": "aurelia-assicurazioni.example",
        "directory": True,
        "offset": 157,
        "periods": ((0, "professional", "active"), (2, "professional", "lapsed")),
        "description": "Property and casualty insurer with 2.4 million policies in Italy. Uses "
        "Polaris for claims analytics, fraud scoring and actuarial reporting.",
        "people": (
            ("Giulia", "Romano", "Head of Analytics"),
            ("Marco", "Bianchi", "Data Engineering Lead"),
            ("Chiara", "Conti", "Actuarial Data Engineer"),
        ),
    },
    {
        "key": "keystone",
        "name": "Keystone Mutual Insurance",
        "industry": "insurance",
        "country": "US",
        "domain": "keystonemutual.example",
        "directory": True,
        "offset": 268,
        "periods": (
            (0, "enterprise", "active"),
            (1, "enterprise", "active"),
            (2, "professional", "active"),
        ),
        "description": "Mutual insurer covering homes, cars and small businesses in 22 US states. "
        "Its claims, policy and customer data have lived in Polaris since 2021.",
        "people": (
            ("Rachel", "Whitman", "VP Data and Analytics"),
            ("David", "Okafor", "Principal Data Engineer"),
            ("Emily", "Tran", "Analytics Engineering Manager"),
            ("Marcus", "Hale", "Data Governance Lead"),
        ),
    },
    {
        "key": "brightwave",
        "name": "Brightwave Telecom",
        "industry": "telecom",
        "country": "GB",
        "domain": "brightwave.example",
        "directory": True,
        "offset": 189,
        "periods": ((0, "enterprise", "active"), (1, "enterprise", "active")),
        "description": "UK broadband and mobile operator with 3.2 million customers. Streams "
        "network telemetry into Polaris Streams for outage detection and capacity planning.",
        "people": (
            ("Oliver", "Hughes", "Head of Data Engineering"),
            ("Priya", "Patel", "Streaming Platform Lead"),
            ("Tom", "Fletcher", "Senior Data Engineer"),
            ("Hannah", "Price", "Customer Analytics Manager"),
        ),
    },
    {
        "key": "telvia",
        "name": "Telvia Móvil",
        "industry": "telecom",
        "country": "ES",
        "domain": "telvia.example",
        "directory": True,
        "offset": 133,
        "periods": ((0, "professional", "active"), (1, "community", "active")),
        "description": "Spanish mobile network operator. Its churn, upsell and network-planning "
        "models train on Polaris, and 4,000 employees use dashboards built on it.",
        "people": (
            ("Javier", "Morales", "Data Platform Manager"),
            ("Lucía", "Fernández", "Machine Learning Engineer"),
            ("Alejandro", "Ruiz", "BI Lead"),
        ),
    },
    {
        "key": "kestrel",
        "name": "Kestrel Freight",
        "industry": "logistics",
        "country": "DE",
        "domain": "kestrel-freight.example",
        "directory": True,
        "offset": 246,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Road freight and contract logistics from 40 depots in Germany, Austria "
        "and Poland, with 12,000 trucks on the road. Finished its move from an on-premises "
        "warehouse to Polaris last year.",
        "people": (
            ("Jonas", "Becker", "Head of Business Intelligence"),
            ("Katrin", "Vogel", "Data Engineer"),
            ("Stefan", "Hoffmann", "Solutions Architect"),
        ),
    },
    {
        "key": "meridian",
        "name": "Meridian Health Partners",
        "industry": "healthcare",
        "country": "US",
        "domain": "meridianhealth.example",
        "directory": True,
        "offset": 322,
        "periods": ((0, "enterprise", "active"), (1, "professional", "active")),
        "description": "Network of 40 hospitals and 300 clinics in the US Midwest. Its clinical "
        "data platform on Polaris serves quality reporting, research and operations.",
        "people": (
            ("Aisha", "Rahman", "Director of Clinical Data"),
            ("Kevin", "Morrison", "Data Architect"),
            ("Laura", "Chen", "Privacy Engineer"),
            ("Grace", "Delgado", "Clinical Informatics Analyst"),
        ),
    },
    {
        "key": "sanavita",
        "name": "Sanavita Klinikgruppe",
        "industry": "healthcare",
        "country": "CH",
        "domain": "sanavita.example",
        "directory": True,
        "offset": 118,
        "periods": ((0, "community", "active"),),
        "description": "Group of eleven private clinics in German-speaking Switzerland, moving its "
        "hospital reporting to the cloud this year.",
        "people": (
            ("Beat", "Keller", "IT Director"),
            ("Nina", "Brunner", "BI Analyst"),
        ),
    },
    {
        "key": "hollandia",
        "name": "Hollandia Rail Cargo",
        "industry": "logistics",
        "country": "NL",
        "domain": "hollandiarail.example",
        "directory": True,
        "offset": 175,
        "periods": ((0, "professional", "active"), (2, "community", "lapsed")),
        "description": "Rail freight operator running 1,400 trains a week between Rotterdam, "
        "Germany and Italy. Plans capacity and wagon rotations on Polaris.",
        "people": (
            ("Maarten", "Visser", "Data Lead"),
            ("Eline", "de Graaf", "Planning Analyst"),
            ("Bram", "Mulder", "Data Engineer"),
        ),
    },
    {
        "key": "lumiere",
        "name": "Lumière Énergie",
        "industry": "energy",
        "country": "FR",
        "domain": "lumiere-energie.example",
        "directory": True,
        "offset": 287,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Electricity and gas supplier with 2.1 million smart meters in France. "
        "Keeps half-hourly meter readings in Polaris Lakehouse.",
        "people": (
            ("Camille", "Laurent", "Head of Data"),
            ("Hugo", "Moreau", "Data Scientist"),
            ("Élodie", "Garnier", "Data Engineer"),
        ),
    },
    {
        "key": "nordlys",
        "name": "Nordlys Kraft",
        "industry": "energy",
        "country": "NO",
        "domain": "nordlyskraft.example",
        "directory": False,
        "offset": 142,
        "periods": ((1, "professional", "lapsed"), (2, "professional", "active")),
        "description": "Hydropower producer and grid operator in northern Norway. Forecasts "
        "production from weather and reservoir data.",
        "people": (
            ("Ingrid", "Haugen", "Analytics Manager"),
            ("Erik", "Solberg", "Data Engineer"),
        ),
    },
    {
        "key": "castellano",
        "name": "Banco Castellano",
        "industry": "banking",
        "country": "ES",
        "domain": "bancocastellano.example",
        "directory": True,
        "offset": 230,
        "periods": (
            (0, "enterprise", "active"),
            (1, "enterprise", "active"),
            (2, "enterprise", "active"),
        ),
        "description": "Spanish bank with 900 branches. Organises its data platform as a data "
        "mesh of twelve business domains on a shared Polaris account.",
        "people": (
            ("Carmen", "Navarro", "Head of Data Governance"),
            ("Diego", "Serrano", "Data Platform Architect"),
            ("Marta", "Iglesias", "FinOps Analyst"),
            ("Pablo", "Ortega", "Analytics Engineer"),
        ),
    },
    {
        "key": "helvion",
        "name": "Helvion Pharma",
        "industry": "healthcare",
        "country": "BE",
        "domain": "helvion.example",
        "directory": True,
        "offset": 199,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Mid-sized pharmaceutical company developing vaccines and biologics. "
        "Runs research and clinical trial data on Polaris under GxP.",
        "people": (
            ("Sofie", "Peeters", "Head of R&D Data"),
            ("Wout", "Claes", "Data Engineer"),
            ("An", "Maes", "Quality Data Manager"),
        ),
    },
    {
        "key": "ostara",
        "name": "Ostara Fashion",
        "industry": "retail",
        "country": "DE",
        "domain": "ostara-fashion.example",
        "directory": True,
        "offset": 125,
        "periods": ((0, "professional", "active"), (1, "community", "active")),
        "description": "Online fashion retailer shipping to 14 European countries. Prices 30,000 "
        "products a season with models trained in Polaris ML Studio.",
        "people": (
            ("Lena", "Schmidt", "Head of Data and Analytics"),
            ("Felix", "Wagner", "Analytics Engineer"),
            ("Mia", "Schulz", "Pricing Data Scientist"),
        ),
    },
    {
        "key": "cobalt",
        "name": "Cobalt Payments",
        "industry": "banking",
        "country": "IE",
        "domain": "cobaltpay.example",
        "directory": True,
        "offset": 161,
        "periods": ((0, "professional", "active"),),
        "description": "Card acquirer and payment processor for 60,000 European merchants. "
        "Scores every transaction for fraud with features computed in Polaris Streams.",
        "people": (
            ("Ciara", "Byrne", "Data Engineering Lead"),
            ("Seán", "Murphy", "Fraud Analytics Lead"),
            ("Aoife", "Kelly", "Platform Engineer"),
        ),
    },
    {
        "key": "brandt",
        "name": "Brandt Werke",
        "industry": "manufacturing",
        "country": "DE",
        "domain": "brandtwerke.example",
        "directory": True,
        "offset": 256,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Maker of precision castings for the automotive industry, with five plants "
        "in Saxony. Collects machine data from its production lines into Polaris.",
        "people": (
            ("Tobias", "Krüger", "Digitalisation Manager"),
            ("Anna", "Lehmann", "Process Data Analyst"),
        ),
    },
    {
        "key": "skarlet",
        "name": "Skarlet Media",
        "industry": "media",
        "country": "SE",
        "domain": "skarletmedia.example",
        "directory": True,
        "offset": 208,
        "periods": ((0, "professional", "active"), (2, "professional", "lapsed")),
        "description": "Nordic broadcaster and streaming service. Counts every play for royalty "
        "payments and publishes audience data products to editors and advertisers.",
        "people": (
            ("Elin", "Johansson", "Head of Audience Data"),
            ("Oskar", "Lindberg", "Data Engineer"),
            ("Sara", "Nyström", "Data Platform Engineer"),
        ),
    },
    {
        "key": "havenstad",
        "name": "Gemeente Havenstad",
        "industry": "public_sector",
        "country": "NL",
        "domain": "havenstad.example",
        "directory": True,
        "offset": 277,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Dutch port municipality of 180,000 inhabitants. Publishes open data on "
        "housing, mobility and air quality from its Polaris account.",
        "people": (
            ("Thijs", "Smit", "Chief Data Officer"),
            ("Noor", "El Amrani", "Data Analyst"),
        ),
    },
    {
        "key": "northbridge",
        "name": "Northbridge University",
        "industry": "education",
        "country": "GB",
        "domain": "northbridge.example",
        "directory": True,
        "offset": 311,
        "periods": ((0, "community", "active"), (1, "community", "active")),
        "description": "Research university with 28,000 students. Uses Polaris for institutional "
        "analytics and as a secure environment for research data.",
        "people": (
            ("Gareth", "Evans", "Head of Institutional Analytics"),
            ("Sophie", "Turner", "Research Data Engineer"),
        ),
    },
    {
        "key": "quokka",
        "name": "Quokka Games",
        "industry": "software",
        "country": "AU",
        "domain": "quokkagames.example",
        "directory": False,
        "offset": 183,
        "periods": ((1, "community", "lapsed"),),
        "description": "Mobile game studio whose titles have 12 million monthly players. "
        "Analyses player telemetry for game balancing and monetisation.",
        "people": (
            ("Liam", "O'Connor", "Lead Data Engineer"),
            ("Chloe", "Nguyen", "Game Analytics Manager"),
        ),
    },
    {
        "key": "parcelo",
        "name": "Parcelo",
        "industry": "logistics",
        "country": "PL",
        "domain": "parcelo.example",
        "directory": False,
        "offset": -12,
        "periods": ((0, "community", "pending"),),
        "description": "Parcel-locker network with 9,000 lockers in Poland and the Czech "
        "Republic. Starting its first Polaris project this year.",
        "people": (
            ("Katarzyna", "Nowak", "CTO"),
            ("Piotr", "Zieliński", "Data Engineer"),
        ),
    },
    {
        "key": "harvest",
        "name": "Harvest & Co. Grocers",
        "industry": "retail",
        "country": "US",
        "domain": "harvestgrocers.example",
        "directory": True,
        "offset": 241,
        "periods": ((0, "professional", "active"), (1, "professional", "active")),
        "description": "Regional grocery chain with 210 stores in the US Pacific Northwest. Its "
        "25 analytics engineers maintain a single dbt project on Polaris.",
        "people": (
            ("Jennifer", "Alvarez", "Director of Data Engineering"),
            ("Ryan", "Brooks", "Staff Analytics Engineer"),
            ("Michelle", "Park", "Supply Chain Analyst"),
        ),
    },
    {
        "key": "solaria",
        "name": "Solaria Air",
        "industry": "logistics",
        "country": "PT",
        "domain": "solaria-air.example",
        "directory": False,
        "offset": 139,
        "periods": ((1, "professional", "lapsed"), (2, "professional", "active")),
        "description": "Leisure airline flying from Lisbon and Porto to 60 destinations. Uses "
        "Polaris for revenue management and crew planning.",
        "people": (
            ("João", "Ferreira", "BI Manager"),
            ("Inês", "Carvalho", "Data Engineer"),
        ),
    },
    {
        "key": "kaleva",
        "name": "Kaleva Mutual",
        "industry": "insurance",
        "country": "FI",
        "domain": "kalevamutual.example",
        "directory": True,
        "offset": 263,
        "periods": ((0, "community", "active"), (1, "professional", "active")),
        "description": "Finnish mutual pension and life insurer. Consolidating actuarial and "
        "customer data on Polaris.",
        "people": (
            ("Mikko", "Virtanen", "Data Architect"),
            ("Aino", "Mäkinen", "Analytics Engineer"),
        ),
    },
)

# Rotated over the people to give each a short biography after their title and company.
BIO_LINES = (
    "Has spent twelve years moving analytics from on-premises servers to the cloud and "
    "still keeps a printout of the last appliance's error log.",
    "Cares about data modelling, code review for SQL and getting analysts and engineers "
    "into the same planning meeting.",
    "Previously built reporting platforms for a consultancy; organises the local dbt meetup.",
    "Spends most days on streaming pipelines and the rest explaining why exactly-once is "
    "harder than it sounds.",
    "Joined from a software engineering background and brought tests, CI and on-call "
    "rotations to the data team.",
    "Works with finance and business owners to turn questions into metrics everyone "
    "defines the same way.",
    "Leads a team of eight and writes about data platform cost on an internal blog that "
    "finance reads more than engineering does.",
    "Started as an analyst, learned engineering on the job, and now mentors analysts who "
    "want to do the same.",
    "Focuses on access control, privacy and the audits that check both.",
    "Trained as a statistician; builds models and the pipelines that keep their features fresh.",
    "Believes the best dashboard is the one you can delete; has deleted several hundred.",
    "Has run data platforms in three industries and migrated warehouses in all of them.",
)
