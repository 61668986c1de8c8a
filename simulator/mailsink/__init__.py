"""The SMTP sink: catches every mail the portal sends and serves them over a Mailpit-like API."""

from simulator.mailsink.sink import MailSink
from simulator.mailsink.store import MessageStore, StoredMessage

__all__ = ["MailSink", "MessageStore", "StoredMessage"]
