# The two commands of the README: `make run` and `make test`. Everything else helps them.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installe
RESULTATS ?= results
# Two xdist workers: one per core of the reference machine.
PYTEST_WORKERS ?= 2

.PHONY: help install browser imap run test acceptation recette recette-tiers couverture rapport lint typecheck steps load bench-acceptance bench-capacite effondrement clean

help: ## cette aide
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-16s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The browser's ballot (chiffrement/navigateur/bulletin.js) needs @noble/curves and
# @noble/hashes, pinned by its package-lock.json and installed beside it from npm.
NAVIGATEUR := chiffrement/navigateur
NOBLE      := $(NAVIGATEUR)/node_modules/.package-lock.json
$(NOBLE): $(NAVIGATEUR)/package-lock.json
	@command -v npm >/dev/null || { echo "npm est introuvable : installez Node.js 20 et npm (apt-get install nodejs npm) ; le bulletin chiffré du navigateur en a besoin ($(NAVIGATEUR))" >&2; exit 2; }
	npm ci --prefix $(NAVIGATEUR) --no-audit --no-fund --silent
	touch $(NOBLE)

install: $(STAMP) $(NOBLE) ## crée .venv et installe le projet, ses dépendances de test et celles du navigateur

browser: $(STAMP) ## rend un Chromium disponible à Playwright
	bash scripts/install-chromium.sh $(BIN)/python

imap: ## rend Dovecot disponible aux tests IMAP (paquet Debian dovecot-imapd, en root)
	bash scripts/install-dovecot.sh

# The bureau seals first, apart from the portal (a demonstration: the whole key ceremony
# in one process, the trustees' keys together in var/tiers); the credential authority
# then derives the roll's public credentials from the roll's secret, which the portal
# never gets for the codes de vote. The portal reads the parameters and the credentials,
# and calls the authority's service (a demonstration too: its own process, started here
# on :8026, mailing through the portal's sink) at a réassort of the code de vote. Sealed
# and derived once: a restart reuses them (rm -r var to start over).
run: $(STAMP) $(NOBLE) ## portail de référence sur :8000 (vote ouvert), puits SMTP :1025, mails sur :8025, autorité :8026
	@test -f var/publication/parametres.json || { \
		echo "Scellement de DÉMONSTRATION par le bureau (en vrai, chaque tiers garde sa clé chez lui) :"; \
		$(BIN)/python -m simulator sceller --db var/portail.sqlite3 --voters fixtures/demo-electeurs.csv \
			--fragments var/tiers --publication var/publication \
			--ouverture-vote maintenant --cloture-vote 'dans 7 jours'; }
	@test -f var/autorite/credentials.jsonl || { \
		echo "Autorité de credentials de DÉMONSTRATION (en vrai, une autre équipe, une autre machine) :"; \
		$(BIN)/python -m simulator autorite generer --voters fixtures/demo-electeurs.csv \
			--parametres var/publication --sortie var/autorite/credentials.jsonl; }
	@$(BIN)/python -m simulator autorite notice --voters fixtures/demo-electeurs.csv
	@$(BIN)/python -m simulator autorite servir --voters fixtures/demo-electeurs.csv \
		--parametres var/publication --cle var/autorite/portail.cle \
		--credentials var/autorite/credentials.jsonl --port 8026 & \
	autorite=$$!; trap 'kill $$autorite 2>/dev/null' EXIT INT TERM; \
	for i in $$(seq 50); do test -f var/autorite/portail.cle && break; sleep 0.2; done; \
	$(BIN)/python -m simulator --db var/portail.sqlite3 --voters fixtures/demo-electeurs.csv \
		--parametres var/publication \
		--credentials var/autorite/credentials.jsonl \
		--autorite http://127.0.0.1:8026 --autorite-cle var/autorite/portail.cle

lint: $(STAMP) ## ruff : règles et mise en forme
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP) ## mypy strict
	$(BIN)/mypy

test: $(STAMP) $(NOBLE) browser imap lint typecheck ## installe tout, puis ruff, mypy, toute la suite et la recette
	mkdir -p $(RESULTATS)
	$(BIN)/pytest -n $(PYTEST_WORKERS) --junitxml=$(RESULTATS)/junit.xml \
		--cucumberjson=$(RESULTATS)/cucumber.json \
		--alluredir=$(RESULTATS)/allure-results --clean-alluredir \
		--output=$(RESULTATS)/playwright --screenshot=only-on-failure --tracing=retain-on-failure
	$(BIN)/python scripts/recette.py --workers $(PYTEST_WORKERS) --resultats $(RESULTATS)/recette
	$(BIN)/python scripts/recette_tiers.py --workers $(PYTEST_WORKERS) --resultats $(RESULTATS)/recette-tiers

# The suite against a portal we did not build: its options come from the environment
# (PORTAIL_URL, MAIL_API_URL or MAIL_IMAP and MAIL_IMAP_MOT_DE_PASSE, CAPTCHA_CODE, LISTE, SECRET_LISTE, REGISTRE, VOCABULAIRE), as
# a CI pipeline's variables do (ci/gitlab-ci.yml, ci/github-actions.yml).
acceptation: $(STAMP) browser ## la suite contre le portail de PORTAIL_URL (variables d'environnement)
	@test -n "$$PORTAIL_URL" || { echo "PORTAIL_URL manque : l'adresse du portail à éprouver (voir README, Recette)" >&2; exit 2; }
	@test -n "$$MAIL_API_URL$$MAIL_IMAP" || { echo "MAIL_API_URL manque : l'API Mailpit de ce portail (ou MAIL_IMAP, sa boîte IMAP)" >&2; exit 2; }
	mkdir -p $(RESULTATS)/acceptation
	$(BIN)/pytest features -n $(PYTEST_WORKERS) --junitxml=$(RESULTATS)/acceptation/junit.xml \
		--cucumberjson=$(RESULTATS)/acceptation/cucumber.json \
		--output=$(RESULTATS)/acceptation/playwright --screenshot=only-on-failure \
		--tracing=retain-on-failure

recette: $(STAMP) browser ## la suite et un court tir contre le portail de référence joué en recette
	$(BIN)/python scripts/recette.py --workers $(PYTEST_WORKERS) --resultats $(RESULTATS)/recette

# A portal of the tests' own that the harness knows only by its vocabulary; every failure
# is listed in tests/portail_tiers/CONSTATS.md, a new one (or one healed) fails the target.
recette-tiers: $(STAMP) browser ## la suite et les personas contre le portail tiers (tests/portail_tiers)
	$(BIN)/python scripts/recette_tiers.py --workers $(PYTEST_WORKERS) --resultats $(RESULTATS)/recette-tiers

# make load FACTEUR=0.1 ECHELLE=6 PROFIL=palier PROCESSES=2 ARGS='--panne-retard 30'
FACTEUR ?= 0.05
# Empty: the profile's own time scale (12, the hour in 5 min; 5 for 2018, 2 for 2022).
ECHELLE ?=
PROFIL ?= ouverture
PROCESSES ?= 1
ARGS ?=
load: $(STAMP) ## pic d'ouverture contre un portail de référence ; rapports dans results/charge
	$(BIN)/python scripts/charge.py --profil $(PROFIL) --facteur $(FACTEUR) \
		$(if $(ECHELLE),--echelle-temps $(ECHELLE)) --processes $(PROCESSES) --resultats $(RESULTATS)/charge \
		$(ARGS)

# Allure Report 3 (Node.js, no Java), installed from the npm registry beside the project.
ALLURE_DIR := .outils/allure
ALLURE     := $(ALLURE_DIR)/node_modules/.bin/allure
$(ALLURE):
	@command -v npm >/dev/null || { echo "npm est introuvable : installez Node.js 20 et npm (apt-get install nodejs npm), ou ouvrez $(RESULTATS)/allure-results avec votre propre Allure (allure generate)" >&2; exit 2; }
	npm install --prefix $(ALLURE_DIR) --no-audit --no-fund --silent allure@3

rapport: $(ALLURE) ## rapport Allure HTML de la dernière passe de make test (results/allure/index.html)
	@test -d $(RESULTATS)/allure-results || { echo "aucun résultat Allure dans $(RESULTATS)/allure-results : lancez make test d'abord" >&2; exit 2; }
	$(ALLURE) generate $(RESULTATS)/allure-results -o $(RESULTATS)/allure
	@echo "Rapport Allure : $(RESULTATS)/allure/index.html"

couverture: $(STAMP) ## couverture du guide par les scénarios (results/couverture/), échoue si un énoncé n'est pas couvert
	$(BIN)/python -m steps.couverture --cucumber $(RESULTATS)/cucumber.json --sortie $(RESULTATS)/couverture

steps: $(STAMP) ## catalogue des phrases disponibles pour écrire un scénario
	@$(BIN)/python -m steps.catalogue

bench-acceptance: $(STAMP) browser ## durée de la suite en série et en parallèle
	$(BIN)/python scripts/bench_acceptance.py --workers $(PYTEST_WORKERS)

bench-capacite: $(STAMP) ## arrivées/s tenues par le portail sur cette machine, à côté de wrk
	bash scripts/install-wrk.sh
	$(BIN)/python scripts/bench_capacite.py

effondrement: $(STAMP) ## débit où le goodput décroche, patients et impatients ; graphique dans results/effondrement
	$(BIN)/python scripts/effondrement.py --resultats $(RESULTATS)/effondrement $(ARGS)

clean: ## supprime .venv, la base de démonstration et les résultats
	rm -rf $(VENV) var $(RESULTATS) .outils .mypy_cache .ruff_cache .pytest_cache .hypothesis
