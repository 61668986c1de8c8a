// Drives chiffrement/navigateur/bulletin.js under Node for tests/test_chiffrement_navigateur.py:
// one JSON request on stdin, one JSON answer on stdout.
import { readFileSync } from "node:fs";
import * as B from "../chiffrement/navigateur/bulletin.js";

const demande = JSON.parse(readFileSync(0, "utf8"));
try {
  const parametres = B.verifierParametres(demande.document, demande.empreinte);
  const secret = await B.deriverSecret(demande.code, demande.election, demande.electeur, demande.iterations, {
    sansWebCrypto: Boolean(demande.sansWebCrypto),
  });
  let options = {};
  if (demande.alea) {
    const suite = demande.alea.map(BigInt);
    options = { alea: () => { if (!suite.length) throw new Error("suite d'aléas épuisée"); return suite.shift(); } };
  }
  const bulletin = B.construireBulletin(parametres, demande.scrutin, demande.choix, secret, options);
  const possession = demande.defi === undefined ? null
    : B.prouverPossession(secret, parametres.empreinte, demande.electeur, demande.defi, options);
  console.log(JSON.stringify({
    possession,
    secret: secret.toString(),
    credential: B.credentialPublique(secret),
    bulletin,
    canonique: B.jsonCanonique(bulletin),
    empreinte: B.empreinteBulletin(bulletin),
  }));
} catch (erreur) {
  console.log(JSON.stringify({ erreur: String(erreur.message ?? erreur) }));
}
