"""What the acceptance suite and the load profiles share to drive any portal: its
wording and paths (the vocabulary), its test hooks when it has them, and the test
accounts drawn from a provisioned list. Nothing here imports the reference portal."""
