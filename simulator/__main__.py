"""Entry point of `python -m simulator`: the portal, or one of the bureau de vote's
commands (`sceller`, `depouiller`)."""

import sys

if len(sys.argv) > 1 and sys.argv[1] in ("sceller", "depouiller"):
    from simulator.commandes.bureau import main as bureau

    sys.exit(bureau(sys.argv[1], sys.argv[2:]))

from simulator.commandes.portail import main

sys.exit(main())
