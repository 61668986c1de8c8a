"""The vote: voting window, code de vote, ballot box and its sealing, counting; its
service (`service.py`)."""
