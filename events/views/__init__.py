"""Public pages about conferences, one module per area: site (home, sessions), and the
modules the call for papers, feeds and exports add. Routes are in events/urls.py."""
