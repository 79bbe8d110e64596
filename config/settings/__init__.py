"""Settings modules: base (environment-driven), test and production."""
