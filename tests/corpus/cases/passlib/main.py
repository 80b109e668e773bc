"""passlib's CryptContext verifies and migrates password hashes (handlers are looked up by name)."""
from passlib.context import CryptContext
from passlib.hash import bcrypt, pbkdf2_sha256, sha512_crypt

ctx = CryptContext(schemes=["bcrypt", "pbkdf2_sha256", "sha512_crypt"], deprecated=["sha512_crypt"],
                   bcrypt__rounds=4)
fixed = {
    "bcrypt": bcrypt.using(rounds=4, salt="abcdefghijklmnopqrstuu").hash("secret"),
    "pbkdf2_sha256": pbkdf2_sha256.using(rounds=1000, salt=b"saltsalt").hash("secret"),
    "sha512_crypt": sha512_crypt.using(rounds=1000, salt="saltsalt").hash("secret"),
}
for scheme, h in fixed.items():
    print(scheme, h)
    print("  identify:", ctx.identify(h), "verify:", ctx.verify("secret", h), ctx.verify("wrong", h),
          "needs update:", ctx.needs_update(h))
ok, new = ctx.verify_and_update("secret", fixed["sha512_crypt"])
print("migrated:", ok, ctx.identify(new), ctx.verify("secret", new))
print("default scheme:", ctx.default_scheme(), bcrypt.get_backend())
