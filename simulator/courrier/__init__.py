"""Mail: the mails the portal writes and the outbox that sends them."""
