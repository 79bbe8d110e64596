"""The code that builds the demo, one module per subject; `run.demo_seed` calls them in order.

Each module writes through the project's services wherever one exists for the write, so the
demo obeys the same rules as real use; rows that only organizers create in the admin, where
no service exists, are inserted directly.
"""
