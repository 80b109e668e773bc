"""PyNaCl (libsodium through cffi): signing, public-key boxes, secret boxes, hashing, password hashing."""
import nacl.encoding
import nacl.hash
import nacl.pwhash
import nacl.secret
import nacl.signing
import nacl.utils
from nacl.public import Box, PrivateKey

signing = nacl.signing.SigningKey(bytes(range(32)))
signed = signing.sign(b"attack at dawn")
print("signature:", signed.signature.hex()[:48])
print("verify:", signing.verify_key.verify(signed))
print("verify key:", signing.verify_key.encode(nacl.encoding.HexEncoder).decode())
alice, bob = PrivateKey(bytes([1] * 32)), PrivateKey(bytes([2] * 32))
box = Box(alice, bob.public_key)
ct = box.encrypt(b"hello bob", bytes(24))
print("box:", ct.ciphertext.hex())
print("open:", Box(bob, alice.public_key).decrypt(ct))
secret = nacl.secret.SecretBox(bytes(32))
sct = secret.encrypt(b"secret", bytes(range(24)))
print("secretbox:", sct.hex()[:40], secret.decrypt(sct))
print("blake2b:", nacl.hash.blake2b(b"corpus", digest_size=16).decode())
print("sha256:", nacl.hash.sha256(b"corpus").decode())
kdf = nacl.pwhash.argon2id.kdf(16, b"password", bytes(16),
                               opslimit=nacl.pwhash.argon2id.OPSLIMIT_MIN,
                               memlimit=nacl.pwhash.argon2id.MEMLIMIT_MIN)
print("argon2id:", kdf.hex())
print("random length:", len(nacl.utils.random(24)))
