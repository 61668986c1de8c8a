"""Entry point of `python -m simulator`: the portal, one of the bureau de vote's commands
(`sceller`, `depouiller`), the credential authority's (`autorite`), or anyone's verifier
of a published election (`verifier`)."""

import sys

if len(sys.argv) > 1 and sys.argv[1] in ("sceller", "depouiller"):
    from simulator.commandes.bureau import main as bureau

    sys.exit(bureau(sys.argv[1], sys.argv[2:]))

if len(sys.argv) > 1 and sys.argv[1] == "autorite":
    from simulator.autorite.commande import main as autorite

    sys.exit(autorite(sys.argv[2:]))

if len(sys.argv) > 1 and sys.argv[1] == "verifier":
    from simulator.commandes.verifier import main as verifier

    sys.exit(verifier(sys.argv[2:]))

from simulator.commandes.portail import main

sys.exit(main())
