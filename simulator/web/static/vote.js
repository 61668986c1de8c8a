// The vote's pages in the voter's browser: the code de vote, the choice and the ballot
// never leave it in clear (README, « Le vote »).
//
// - code de vote: x is derived from the code typed (PBKDF2, then HashToField), kept in
//   sessionStorage, and only a proof of possession answering the portal's challenge is
//   posted; the code field is not sent.
// - JE VEUX VOTER: the choice is kept in sessionStorage; the confirmation page shows it
//   from there.
// - JE VOTE: the ballot is built here (exponential ElGamal, proofs, signature by x) and
//   posted as one field; the choice is then forgotten.
// Before any of it, the parameters served by the portal are checked against the
// fingerprint φ shown on the page: changed parameters are refused, loudly.
import {
  construireBulletin, deriverSecret, jsonCanonique, prouverPossession, verifierParametres,
} from "/chiffrement/bulletin.js";

const meta = (nom) => document.querySelector(`meta[name="${nom}"]`)?.content ?? "";
const CLE_SECRET = "vote-secret";
const CLE_CHOIX = "vote-choix";

function alerter(texte) {
  let zone = document.getElementById("erreur");
  if (!zone) {
    zone = document.createElement("div");
    zone.id = "erreur";
    zone.className = "erreur";
    zone.setAttribute("role", "alert");
    document.querySelector("main h1").after(zone);
  }
  zone.textContent = texte;
}

async function parametres() {
  const reponse = await fetch(meta("election-parametres"), { credentials: "same-origin" });
  if (!reponse.ok) throw new Error(`paramètres de l'élection introuvables (${reponse.status})`);
  return verifierParametres(await reponse.json(), meta("election-empreinte"));
}

function refuserParametres(erreur) {
  alerter(
    "Les paramètres de l'élection reçus ne sont pas ceux dont l'empreinte est affichée : " +
      `le vote est refusé par votre navigateur (${erreur.message}). Contactez l'assistance.`,
  );
  document.documentElement.dataset.parametresRefuses = "oui";
}

function secretGarde() {
  try {
    const garde = JSON.parse(sessionStorage.getItem(CLE_SECRET) ?? "null");
    if (garde && garde.electeur === meta("vote-electeur") && garde.empreinte === meta("election-empreinte")) {
      return BigInt(garde.x);
    }
  } catch { /* absent or unreadable: asked again */ }
  return null;
}

function pageCode(form) {
  form.addEventListener("submit", async (evenement) => {
    evenement.preventDefault();
    const champ = form.querySelector("#code_vote");
    const code = champ.value;
    if (code.trim()) {
      let p;
      try {
        p = await parametres();
      } catch (erreur) {
        refuserParametres(erreur);
        return;
      }
      const electeur = meta("vote-electeur");
      try {
        const x = await deriverSecret(code, p.document.election, electeur, p.document.derivation.iterations);
        const preuve = prouverPossession(x, p.empreinte, electeur, meta("vote-defi"));
        sessionStorage.setItem(CLE_SECRET, JSON.stringify({ electeur, empreinte: p.empreinte, x: x.toString() }));
        form.querySelector("input[name=preuve]").value = jsonCanonique(preuve);
      } catch (erreur) {
        alerter(`Votre navigateur n'a pas pu se servir de ce code de vote (${erreur.message}).`);
        return;
      }
    }
    champ.value = "";
    champ.disabled = true; // the code itself is never posted
    form.submit();
  });
}

function pageChoix(form) {
  const scrutin = meta("vote-scrutin");
  const garde = JSON.parse(sessionStorage.getItem(CLE_CHOIX) ?? "null");
  // The kept choice is shown again, unless the voter has already picked a list: on a
  // slow device the module runs after the page shows, and a click made meanwhile wins.
  if (garde && garde.scrutin === scrutin && !form.querySelector("input[type=radio]:checked")) {
    const radio = form.querySelector(`input[type=radio][value="${garde.indice}"]`);
    if (radio) radio.checked = true;
  }
  form.addEventListener("submit", (evenement) => {
    evenement.preventDefault();
    const coche = form.querySelector("input[type=radio]:checked");
    if (!coche) {
      alerter("Veuillez choisir une liste de candidats.");
      const premiere = form.querySelector("input[type=radio]");
      premiere.setAttribute("aria-invalid", "true");
      premiere.setAttribute("aria-describedby", "erreur"); // the message names the field's fault
      premiere.focus();
      return;
    }
    const liste = document.querySelector(`label[for="${coche.id}"]`).textContent.trim();
    sessionStorage.setItem(CLE_CHOIX, JSON.stringify({ scrutin, indice: Number(coche.value), liste }));
    window.location.assign(form.action); // a GET: the choice stays here
  });
}

function pageConfirmation(form) {
  const scrutin = meta("vote-scrutin");
  const choix = JSON.parse(sessionStorage.getItem(CLE_CHOIX) ?? "null");
  if (!choix || choix.scrutin !== scrutin) {
    window.location.replace(form.dataset.retour);
    return;
  }
  document.getElementById("liste-choisie").textContent = choix.liste;
  form.addEventListener("submit", async (evenement) => {
    evenement.preventDefault();
    const x = secretGarde();
    if (x === null) {
      alerter("Saisissez de nouveau votre code de vote : votre navigateur ne le garde que le temps de cet onglet.");
      window.location.assign("/vote?ressaisir=1");
      return;
    }
    let p;
    try {
      p = await parametres();
    } catch (erreur) {
      refuserParametres(erreur);
      return;
    }
    try {
      const bulletin = construireBulletin(p, scrutin, [choix.indice], x);
      form.querySelector("input[name=bulletin]").value = jsonCanonique(bulletin);
    } catch (erreur) {
      alerter(`Votre navigateur n'a pas pu chiffrer votre bulletin (${erreur.message}) : rien n'est envoyé.`);
      return;
    }
    sessionStorage.removeItem(CLE_CHOIX);
    form.submit();
  });
}

const PAGES = { code: pageCode, choix: pageChoix, bulletin: pageConfirmation };
for (const form of document.querySelectorAll("form[data-vote]")) {
  PAGES[form.dataset.vote]?.(form);
  // Sent only once this module holds the form: never a form posted in clear.
  for (const bouton of form.querySelectorAll("[data-attend-module]")) bouton.disabled = false;
}
document.documentElement.dataset.voteChiffre = "pret";
