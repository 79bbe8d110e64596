"""The text of the demo users' group that `manage.py seed_demo` builds, by subject.

Everything here is fictional: companies, people and numbers. Domains end in `.example`
(RFC 2606) so that no demo address or website can reach a real one. Dates are not stored
here; the seeder computes them relative to the day it runs so the demo always looks current.
People are referred to by their last name, which is unique across the demo.
"""
