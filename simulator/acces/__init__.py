"""The voter's way in: identification and CAPTCHA, login and lock, réassort, password
policy, activation; the limits per client address; its service (`service.py`)."""
