#!/usr/bin/env bash
# Records the ten digits of the audio CAPTCHA once, with espeak-ng's French voice
# (Debian: apt-get install espeak-ng). The clips are data of the repository
# (simulator/acces/voix/0.wav … 9.wav): the portal assembles a code from them at run time,
# with no speech service, as it assembles the image from pre-drawn glyphs.
#
#   bash scripts/enregistrer-chiffres.sh            # rewrites simulator/acces/voix/*.wav
set -euo pipefail
cd "$(dirname "$0")/.."
command -v espeak-ng >/dev/null || { echo "espeak-ng manque : apt-get install espeak-ng" >&2; exit 2; }
mots=(zéro un deux trois quatre cinq six sept huit neuf)
mkdir -p simulator/acces/voix
for chiffre in "${!mots[@]}"; do
    # French voice, a little slower than the default (130 words a minute): 22,050 Hz mono.
    espeak-ng -v fr -s 130 -w "simulator/acces/voix/${chiffre}.wav" "${mots[$chiffre]}"
done
echo "enregistré : simulator/acces/voix/0.wav … 9.wav ($(espeak-ng --version | head -1))"
