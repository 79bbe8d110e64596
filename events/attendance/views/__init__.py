"""An attendee's pages: registering, starring sessions, My agenda and the subscribe page."""
