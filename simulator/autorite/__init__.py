"""The credential authority (Belenios's model), a party apart from the portal: it gives
each voter a secret code de vote, publishes only the public credentials g^x the portal
loads, and draws, mails and derives a new code at a réassort asked for by the portal."""
