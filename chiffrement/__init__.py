"""The vote's crypto core: Belenios's protocol on Ed25519 (Cortier, Gaudry, Glondu; itself
after Helios, Adida 2008), written once for Python; `navigateur/bulletin.js` is its browser
twin for ballot building. It imports nothing of the project: the portal, the bureau's
commands, the verifier and the load injector all build on it.

Modules, one job each: `groupe` (Ed25519 subgroup), `hachage` (canonical JSON, HashToField,
HashGroup), `elgamal`, `preuves` (interval proofs, Schnorr signatures, decryption proofs),
`credential` (the voter's signing key from the code de vote), `tiers` (president + t-of-n
delegates), `parametres`, `bulletin`, `depouillement` (tally, partial decryptions, result),
`tableau` (the board as a hash chain), `verificateur` (everything from published files).
"""
