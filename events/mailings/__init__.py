"""The organizers' mail composer: mailings to audiences chosen by filters, and their outbox."""
