"""Content Credentials: the four states, validated offline by c2pa-python with our own test PKI."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

import pytest

from tests.verifier.intake.samples import picture, save
from verifier.intake import CredentialState, extract_metadata

c2pa = pytest.importorskip("c2pa", reason="c2pa-python is not installed")

from cryptography import x509  # noqa: E402
from cryptography.hazmat.primitives import hashes, serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec  # noqa: E402
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID  # noqa: E402


@dataclass(frozen=True)
class SigningPki:
    """A root CA and a signing certificate shaped as C2PA requires (EKU, key usage, not a CA)."""

    root_pem: str
    chain_pem: str
    key_pem: str


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Newsroom"),
        ]
    )


def _key_usage(*, sign: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=sign,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not sign,
        crl_sign=not sign,
        encipher_only=False,
        decipher_only=False,
    )


@pytest.fixture(scope="module")
def pki() -> SigningPki:
    now = dt.datetime.now(dt.UTC)
    root_key = ec.generate_private_key(ec.SECP256R1())
    root = (
        x509.CertificateBuilder()
        .subject_name(_name("Test Root CA"))
        .issuer_name(_name("Test Root CA"))
        .public_key(root_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(sign=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(root_key.public_key()), critical=False)
        .sign(root_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    leaf = (
        x509.CertificateBuilder()
        .subject_name(_name("Field Camera Signer"))
        .issuer_name(root.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(sign=True), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root_key.public_key()), critical=False
        )
        .sign(root_key, hashes.SHA256())
    )

    def pem(cert: x509.Certificate) -> str:
        return cert.public_bytes(serialization.Encoding.PEM).decode()

    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return SigningPki(pem(root), pem(leaf) + pem(root), key_pem)


@pytest.fixture(scope="module")
def signed_jpeg(pki: SigningPki) -> bytes:
    source = save(picture((120, 80)), "JPEG", quality=90)
    info = c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, pki.chain_pem.encode(), pki.key_pem.encode(), None)
    manifest = {
        "claim_generator_info": [{"name": "FieldCam", "version": "2.1"}],
        "title": "IMG_0003.jpg",
        "format": "image/jpeg",
        "assertions": [
            {
                "label": "c2pa.actions",
                "data": {
                    "actions": [
                        {
                            "action": "c2pa.created",
                            "digitalSourceType": "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture",
                        }
                    ]
                },
            }
        ],
    }
    out = io.BytesIO()
    with c2pa.Signer.from_info(info) as signer, c2pa.Builder(manifest) as builder:
        builder.sign(signer, "image/jpeg", io.BytesIO(source), out)
    return out.getvalue()


def test_valid_but_untrusted_without_anchors(signed_jpeg: bytes) -> None:
    creds = extract_metadata(signed_jpeg, label="signed.jpg").credentials
    assert creds.state is CredentialState.VALID_UNTRUSTED
    assert creds.location == "APP11"
    assert creds.claim_generator == "FieldCam 2.1"
    assert creds.signer == "Field Camera Signer, Test Newsroom"
    assert creds.actions == ("c2pa.created",)
    assert creds.title == "IMG_0003.jpg"


def test_valid_and_trusted_with_our_root(signed_jpeg: bytes, pki: SigningPki) -> None:
    result = extract_metadata(signed_jpeg, label="signed.jpg", trust_anchors=pki.root_pem)
    assert result.credentials.state is CredentialState.VALID_TRUSTED
    assert "c2pa:c2pa-python" in result.readers


def test_tampered_pixels_are_invalid(signed_jpeg: bytes, pki: SigningPki) -> None:
    tampered = bytearray(signed_jpeg)
    tampered[-200] ^= 0xFF  # inside the entropy-coded image data, which the data hash covers
    creds = extract_metadata(bytes(tampered), label="t.jpg", trust_anchors=pki.root_pem).credentials
    assert creds.state is CredentialState.INVALID
    assert any("mismatch" in code for code in creds.failures)


def test_absent_without_a_manifest() -> None:
    creds = extract_metadata(save(picture(), "JPEG"), label="plain.jpg").credentials
    assert creds.state is CredentialState.ABSENT
