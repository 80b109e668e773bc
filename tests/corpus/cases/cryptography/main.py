"""cryptography (OpenSSL + Rust bindings): hashes, HMAC, HKDF, AES-GCM, Fernet, Ed25519, RSA, X.509."""
import base64
import datetime

from cryptography import x509
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes, hmac, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from cryptography.x509.oid import NameOID

digest = hashes.Hash(hashes.SHA256())
digest.update(b"corpus")
print("sha256:", digest.finalize().hex())
h = hmac.HMAC(b"key", hashes.SHA512())
h.update(b"message")
print("hmac:", h.finalize().hex()[:32])
okm = HKDF(algorithm=hashes.SHA256(), length=16, salt=b"salt", info=b"info").derive(b"secret")
print("hkdf:", okm.hex())
print("pbkdf2:", PBKDF2HMAC(hashes.SHA256(), 16, b"salt", 1000).derive(b"pw").hex())
aes = AESGCM(bytes(range(32)))
ct = aes.encrypt(b"\x00" * 12, b"attack at dawn", b"hdr")
print("aesgcm:", ct.hex(), aes.decrypt(b"\x00" * 12, ct, b"hdr"))
print("chacha:", ChaCha20Poly1305(bytes(32)).encrypt(bytes(12), b"hi", None).hex())
key = base64.urlsafe_b64encode(bytes(range(32)))
token = Fernet(key)._encrypt_from_parts(b"fixed message", 1700000000, bytes(16))
print("fernet token:", token.decode()[:40], "...")
print("fernet decrypt:", Fernet(key).decrypt(token, ttl=None))
sk = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
sig = sk.sign(b"data")
print("ed25519:", sig.hex()[:32], sk.public_key().public_bytes(
    serialization.Encoding.Raw, serialization.PublicFormat.Raw).hex())
rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
pss = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH)
rsa_sig = rsa_key.sign(b"payload", pss, hashes.SHA256())
rsa_key.public_key().verify(rsa_sig, b"payload", pss, hashes.SHA256())
print("rsa sign/verify: ok, modulus bits", rsa_key.key_size)
ec_key = ec.derive_private_key(123456789, ec.SECP256R1())
name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "corpus.invalid")])
when = datetime.datetime(2024, 1, 1)
cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(ec_key.public_key()).serial_number(42)
        .not_valid_before(when).not_valid_after(when + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ec_key, hashes.SHA256()))
pem = cert.public_bytes(serialization.Encoding.PEM)
loaded = x509.load_pem_x509_certificate(pem)
print("x509:", loaded.subject.rfc4514_string(), loaded.serial_number, loaded.not_valid_after,
      loaded.extensions.get_extension_for_class(x509.BasicConstraints).value.ca)
