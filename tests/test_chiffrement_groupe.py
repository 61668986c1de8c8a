"""The crypto core's foundations against published vectors: RFC 9380 (expand_message_xmd,
as Belenios's HashToField uses it), RFC 8032 (the Ed25519 base point and a public key), and
libsodium's refusal of every point outside the prime-order subgroup."""

from __future__ import annotations

import hashlib

import pytest

from chiffrement.erreurs import DonneeInvalide
from chiffrement.groupe import (
    GENERATEUR,
    IDENTITE,
    ORDRE,
    Point,
    petit_logarithme,
    point_depuis_texte,
    puissance_g,
    scalaire_depuis_texte,
)
from chiffrement.hachage import expand_message_xmd, hacher_vers_scalaire, json_canonique

DST_RFC9380 = b"QUUX-V01-CS02-with-expander-SHA256-128"


@pytest.mark.parametrize(
    ("message", "longueur", "attendu"),
    [
        (b"", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"),
        (b"abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"),
        (
            b"abcdef0123456789",
            0x20,
            "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1",
        ),
        (
            b"",
            0x80,
            "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0"
            "dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18eda8576c412b18ffb658e3dd6ec849469b"
            "979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b"
            "646c993f0ced",
        ),
    ],
    ids=["vide", "abc", "abcdef", "vide-128"],
)
def test_expand_message_xmd_suit_la_rfc_9380(message: bytes, longueur: int, attendu: str) -> None:
    """RFC 9380, appendix K.1 (SHA-256): the vectors that Belenios's own tests use."""
    assert expand_message_xmd(message, DST_RFC9380, longueur).hex() == attendu


def test_le_generateur_est_le_point_de_base_de_la_rfc_8032() -> None:
    """B's encoding, and Belenios's serialization of it (the same bytes reversed, in hex)."""
    assert GENERATEUR.octets.hex() == "58" + "66" * 31
    assert GENERATEUR.texte() == "66" * 31 + "58"
    assert point_depuis_texte(GENERATEUR.texte()) == GENERATEUR


def test_une_cle_publique_de_la_rfc_8032() -> None:
    """RFC 8032, section 7.1, TEST 1: A = [s]B with s the clamped SHA-512 of the secret."""
    secret = bytes.fromhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
    h = bytearray(hashlib.sha512(secret).digest()[:32])
    h[0] &= 248
    h[31] &= 127
    h[31] |= 64
    a = int.from_bytes(h, "little")
    attendu = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"
    assert puissance_g(a).octets.hex() == attendu


def test_lois_du_groupe() -> None:
    """Order q, inverse, division, and the identity where libsodium would refuse it."""
    assert (GENERATEUR**ORDRE).est_identite()
    assert GENERATEUR ** (ORDRE - 1) * GENERATEUR == IDENTITE
    assert puissance_g(7) / puissance_g(3) == puissance_g(4)
    assert puissance_g(3) / puissance_g(3) == IDENTITE
    assert IDENTITE**5 == IDENTITE
    assert puissance_g(5).inverse() == puissance_g(ORDRE - 5)


@pytest.mark.parametrize(
    ("texte", "pourquoi"),
    [
        ("00" * 31 + "01", "l'identité"),
        # An order-8 point (libsodium's small-order blocklist).
        (
            bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")[
                ::-1
            ].hex(),
            "petit ordre",
        ),
        ("ff" * 32, "encodage non canonique"),
        (puissance_g(2).texte().upper(), "majuscules"),
        ("66" * 31 + "5", "longueur"),
        ("zz" * 32, "pas hexadécimal"),
    ],
)
def test_points_refuses(texte: str, pourquoi: str) -> None:
    """Every point received is refused unless a non-identity prime-order element."""
    with pytest.raises(DonneeInvalide):
        point_depuis_texte(texte, pourquoi)


def test_point_hors_du_sous_groupe_refuse() -> None:
    """B plus an order-8 point is on the curve but outside the prime-order subgroup."""
    from nacl import bindings

    torsion = bytes.fromhex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")
    hors = bindings.crypto_core_ed25519_add(GENERATEUR.octets, torsion)
    with pytest.raises(DonneeInvalide, match="pas un élément valide"):
        point_depuis_texte(Point(hors).texte())


@pytest.mark.parametrize("texte", [str(ORDRE), "-1", "01", "1.5", "", " 1", "١"])
def test_scalaires_refuses(texte: str) -> None:
    """Scalars are canonical base-10 numbers in [0, q)."""
    with pytest.raises(DonneeInvalide):
        scalaire_depuis_texte(texte)


def test_petit_logarithme() -> None:
    """The count decoder finds 0, small and large counts, and refuses beyond the bound."""
    for m in (0, 1, 2, 99, 100, 12345):
        assert petit_logarithme(puissance_g(m), 12345) == m
    with pytest.raises(DonneeInvalide):
        petit_logarithme(puissance_g(101), 100)


def test_json_canonique_et_hachage() -> None:
    """Keys sorted, compact, UTF-8; HashToField lands in Z_q and depends on its tag."""
    assert json_canonique({"b": 1, "a": ["é", None]}) == '{"a":["é",null],"b":1}'.encode()
    x, y = hacher_vers_scalaire("A", "m"), hacher_vers_scalaire("B", "m")
    assert 0 <= x < ORDRE and x != y
