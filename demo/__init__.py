"""The demo users' group that `make run` serves: its text and the code that seeds it."""
