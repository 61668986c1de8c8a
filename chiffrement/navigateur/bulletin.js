// The browser twin of chiffrement/ (Python): ballot building only, same protocol, same bytes.
//
// Belenios (Cortier, Gaudry, Glondu; doc/specification.tex), itself after Helios (Adida,
// 2008): exponential ElGamal on Ed25519's prime-order subgroup, one ciphertext per list
// with a disjunctive Chaum–Pedersen proof that it is 0 or 1, a proof that the number of
// lists chosen is within [min, max], Fiat–Shamir through Belenios's HashGroup with the
// statement in the hash, the ballot signed (Schnorr) with a key derived from the voter's
// code de vote. See chiffrement/bulletin.py for the shapes; the Python side verifies.
//
// Exports: verifierParametres, deriverSecret, credentialPublique, prouverPossession,
// construireBulletin, empreinteBulletin, jsonCanonique. Libraries: @noble/curves and @noble/hashes (npm ci in
// this folder); a page maps their bare names with an import map.

import { ed25519 } from "@noble/curves/ed25519.js";
import { hash_to_field } from "@noble/curves/abstract/hash-to-curve.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { bytesToHex, hexToBytes, utf8ToBytes } from "@noble/hashes/utils.js";

const Point = ed25519.Point;
export const ORDRE = Point.Fn.ORDER;
const PREFIXE = "ELECTIONS-PRO-V1";
const GROUPE = "Ed25519";

// ---- canonical JSON and hashing (chiffrement/hachage.py)

/** Compact JSON with keys sorted, as Python's json.dumps(sort_keys=True, ensure_ascii=False). */
export function jsonCanonique(valeur) {
  if (Array.isArray(valeur)) return "[" + valeur.map(jsonCanonique).join(",") + "]";
  if (valeur !== null && typeof valeur === "object") {
    const cles = Object.keys(valeur).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return "{" + cles.map((c) => JSON.stringify(c) + ":" + jsonCanonique(valeur[c])).join(",") + "}";
  }
  if (typeof valeur === "number" && !Number.isInteger(valeur)) throw new Error("nombre non entier");
  return JSON.stringify(valeur);
}

/** SHA-256 of the canonical JSON, hex: a structure's fingerprint. */
export function empreinte(valeur) {
  return bytesToHex(sha256(utf8ToBytes(jsonCanonique(valeur))));
}

/** Belenios's HashToField(d, m, 1). */
function versScalaire(etiquette, message) {
  const octets = typeof message === "string" ? utf8ToBytes(message) : message;
  const options = { DST: etiquette + "-SHA256", p: ORDRE, m: 1, k: 128, expand: "xmd", hash: sha256 };
  return hash_to_field(octets, 1, options)[0][0];
}

/** Belenios's HashGroup(d, m, (y1…yn)). */
function hacherGroupe(usage, message, points) {
  const serialisation = message + points.map(texte).join(",");
  return versScalaire(`${PREFIXE}-${usage}-group_hash-${GROUPE}`, serialisation);
}

// ---- the group (chiffrement/groupe.py)

const mod = (x) => ((x % ORDRE) + ORDRE) % ORDRE;

/** Belenios's serialization: the 32 bytes of RFC 8032's encoding reversed, in hex. */
function texte(p) {
  return bytesToHex(p.toBytes().reverse());
}

/** A point from outside: canonical, on the curve, prime-order subgroup, not small order. */
function pointDepuisTexte(t, quoi) {
  if (typeof t !== "string" || !/^[0-9a-f]{64}$/.test(t)) throw new Error(`${quoi} : 64 chiffres hexadécimaux attendus`);
  let p;
  try {
    p = Point.fromBytes(hexToBytes(t).reverse());
  } catch {
    throw new Error(`${quoi} : pas un point d'Ed25519`);
  }
  if (p.is0() || p.isSmallOrder() || !p.isTorsionFree() || texte(p) !== t) {
    throw new Error(`${quoi} : pas un élément valide du groupe`);
  }
  return p;
}

/** p^e, e reduced modulo q; constant-time multiplication for secrets. */
function puissance(p, e) {
  const r = mod(e);
  return r === 0n ? Point.ZERO : p.multiply(r);
}
const g = (e) => puissance(Point.BASE, e);

/** A uniformly random non-zero scalar from the browser's CSPRNG. */
function scalaireAleatoire() {
  const octets = crypto.getRandomValues(new Uint8Array(64));
  return (BigInt("0x" + bytesToHex(octets)) % (ORDRE - 1n)) + 1n;
}

// ---- parameters (chiffrement/parametres.py)

/** Check the parameters against the fingerprint the bureau published, and the election key
 * against the trustees' public parts (a swapped key is refused). Returns a handle. */
export function verifierParametres(document, empreinteAttendue) {
  const phi = empreinte(document);
  if (phi !== empreinteAttendue) {
    throw new Error(`paramètres modifiés : empreinte ${phi} au lieu de ${empreinteAttendue}`);
  }
  if (document.protocole !== PREFIXE || document.groupe !== GROUPE || document.version !== 1) {
    throw new Error(`paramètres : protocole ${PREFIXE}, groupe ${GROUPE}, version 1 attendus`);
  }
  const cle = pointDepuisTexte(document.cle_publique, "cle_publique");
  let attendue = pointDepuisTexte(document.tiers.president.cle, "tiers.president.cle");
  for (const d of document.tiers.delegues) attendue = attendue.add(pointDepuisTexte(d.engagements[0], "engagement"));
  if (!attendue.equals(cle)) throw new Error("clé publique de l'élection différente de celle des tiers");
  // Every ballot multiplies the election key many times: tables computed once, kept.
  cle.precompute(8, false);
  return { document, empreinte: phi, cle };
}

// ---- credential (chiffrement/credential.py)

/** The code as typed, without case, blanks or dashes. */
export function normaliserCode(code) {
  return code.toUpperCase().replace(/[ \t-]/g, "");
}

/** PBKDF2-SHA256: the browser's native WebCrypto when there is one (a secure context:
 * HTTPS or 127.0.0.1; about ten times faster), else @noble/hashes. Same bytes either way. */
async function pbkdf2(motDePasse, sel, iterations, sansWebCrypto) {
  const subtle = globalThis.crypto?.subtle;
  if (subtle && !sansWebCrypto) {
    const cle = await subtle.importKey("raw", motDePasse, "PBKDF2", false, ["deriveBits"]);
    const bits = await subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt: sel, iterations }, cle, 256);
    return new Uint8Array(bits);
  }
  return pbkdf2Async(sha256, motDePasse, sel, { c: iterations, dkLen: 32 });
}

/** The voter's signing key from the code de vote: PBKDF2-SHA256 salted by election and
 * voter, then HashToField. Async: it is meant to be slow. */
export async function deriverSecret(code, election, electeur, iterations, options = {}) {
  const normalise = normaliserCode(code);
  if (!normalise) throw new Error("code de vote vide");
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error("nombre d'itérations invalide");
  const sel = utf8ToBytes(`${PREFIXE}|${election}|${electeur}`);
  const lent = await pbkdf2(utf8ToBytes(normalise), sel, iterations, options.sansWebCrypto);
  return versScalaire(`${PREFIXE}-derive_credential`, bytesToHex(lent));
}

/** The public credential g^x, in Belenios's hex form. */
export function credentialPublique(secret) {
  return texte(g(secret));
}

// ---- proofs (chiffrement/preuves.py)

const preuveJson = (c, s) => ({ challenge: mod(c).toString(), response: mod(s).toString() });

/** Belenios's iprove: (alpha, beta) encrypts valeurs[indice] with randomness r. */
function prouverIntervalle(contexte, cle, chiffre, r, indice, valeurs, alea) {
  const simulees = new Map();
  valeurs.forEach((_, j) => {
    if (j !== indice) simulees.set(j, [alea(), alea()]);
  });
  const w = alea();
  const engagements = [];
  valeurs.forEach((m, j) => {
    if (j === indice) {
      engagements.push(g(w), puissance(cle, w));
    } else {
      const [c, s] = simulees.get(j);
      engagements.push(
        g(s).add(puissance(chiffre.alpha, c)),
        puissance(cle, s).add(puissance(chiffre.beta.subtract(g(BigInt(m))), c)),
      );
    }
  });
  const message = `${contexte}|${texte(chiffre.alpha)},${texte(chiffre.beta)}|`;
  const total = hacherGroupe("prove", message, engagements);
  let autres = 0n;
  for (const [c] of simulees.values()) autres += c;
  const cVraie = mod(total - autres);
  return valeurs.map((_, j) =>
    j === indice ? preuveJson(cVraie, w - r * cVraie) : preuveJson(...simulees.get(j)),
  );
}

/** Belenios's sign(d, sk, M): a Schnorr signature. */
function signer(usage, secret, message, alea) {
  const w = alea();
  const c = hacherGroupe(usage, `${texte(g(secret))}|${message}`, [g(w)]);
  return preuveJson(c, w - secret * c);
}

// ---- proof of possession (chiffrement/possession.py)

/** The answer to the portal's challenge on the code de vote screen: a signature by x over
 * φ|voter|challenge. The code and x stay in the browser. `options.alea`: tests only. */
export function prouverPossession(secret, empreinteParametres, electeur, defi, options = {}) {
  for (const [quoi, valeur] of [["empreinte", empreinteParametres], ["défi", defi]]) {
    if (!valeur || valeur.includes("|")) throw new Error(`preuve de possession : ${quoi} vide ou mal formé`);
  }
  const alea = options.alea ?? scalaireAleatoire;
  return signer("possession", secret, `${empreinteParametres}|${electeur}|${defi}`, alea);
}

// ---- the ballot (chiffrement/bulletin.py)

/** Encrypt the chosen lists of one scrutin, prove, sign. `choix`: indices of lists.
 * `options.alea` replaces the CSPRNG (tests only: byte-identical ballots with Python). */
export function construireBulletin(parametres, scrutinId, choix, secret, options = {}) {
  const alea = options.alea ?? scalaireAleatoire;
  const scrutin = parametres.document.scrutins.find((s) => s.id === scrutinId);
  if (!scrutin) throw new Error(`scrutin inconnu : ${scrutinId}`);
  const n = scrutin.listes.length;
  if (new Set(choix).size !== choix.length || choix.some((i) => !(Number.isInteger(i) && i >= 0 && i < n))) {
    throw new Error("choix : indices de listes distincts et existants attendus");
  }
  if (choix.length < scrutin.min || choix.length > scrutin.max) {
    throw new Error(`choix : entre ${scrutin.min} et ${scrutin.max} liste(s) attendue(s)`);
  }
  const cle = parametres.cle;
  const credential = credentialPublique(secret);
  const s0 = `${parametres.empreinte}|${scrutinId}|${credential}`;
  const valeurs = scrutin.listes.map((_, i) => (choix.includes(i) ? 1 : 0));
  const chiffres = [];
  const aleas = [];
  for (const m of valeurs) {
    const r = alea();
    chiffres.push({ alpha: g(r), beta: puissance(cle, r).add(g(BigInt(m))) });
    aleas.push(r);
  }
  const individuelles = chiffres.map((c, i) => prouverIntervalle(s0, cle, c, aleas[i], valeurs[i], [0, 1], alea));
  const somme = chiffres.reduce((a, c) => ({ alpha: a.alpha.add(c.alpha), beta: a.beta.add(c.beta) }));
  const s = s0 + "|" + chiffres.map((c) => `${texte(c.alpha)},${texte(c.beta)}`).join(",");
  const bornes = [];
  for (let k = scrutin.min; k <= scrutin.max; k++) bornes.push(k);
  const rTotal = aleas.reduce((a, r) => a + r, 0n);
  const globale = prouverIntervalle(s, cle, somme, rTotal, choix.length - scrutin.min, bornes, alea);
  const message = {
    election_uuid: parametres.document.election,
    election_hash: parametres.empreinte,
    scrutin: scrutinId,
    credential,
    answer: {
      choices: chiffres.map((c) => ({ alpha: texte(c.alpha), beta: texte(c.beta) })),
      individual_proofs: individuelles,
      overall_proof: globale,
    },
  };
  return { message, signature: signer("ballot", secret, jsonCanonique(message), alea) };
}

/** The ballot's fingerprint: the receipt's « empreinte », found on the public board. */
export function empreinteBulletin(bulletin) {
  return empreinte(bulletin);
}
