"""The commands of `python -m simulator` (the portal, `sceller`, `depouiller`), the roll's
loading, and the portal run as a child process."""
