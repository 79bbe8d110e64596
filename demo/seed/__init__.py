"""The code that builds the demo, one module per subject; `run.demo_seed` calls them in order."""
