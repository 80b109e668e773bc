"""Encoding detection: chardet and charset_normalizer on texts in several encodings."""
import chardet
import charset_normalizer

SAMPLES = {
    "utf-8": "Le cœur a ses raisons que la raison ne connaît point. Ça va très bien, merci !" * 3,
    "cp1251": "Съешь же ещё этих мягких французских булок, да выпей чаю. Широкая электрификация." * 3,
    "shift_jis": "いろはにほへと ちりぬるを わかよたれそ つねならむ うゐのおくやま けふこえて" * 3,
    "iso-8859-7": "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Γαζέες καὶ μυρτιὲς δὲν θὰ βρῶ πιὰ" * 3,
}
for enc, text in SAMPLES.items():
    raw = text.encode(enc)
    c = chardet.detect(raw)
    best = charset_normalizer.from_bytes(raw).best()
    print(f"{enc:11} chardet={c['encoding']} ({c['language']}) normalizer={best.encoding} "
          f"decoded ok={str(best) == text}")
print(chardet.detect(b"plain ascii text")["encoding"], charset_normalizer.detect(b"\xef\xbb\xbfbom")["encoding"])
detector = chardet.UniversalDetector()
for line in SAMPLES["cp1251"].encode("cp1251").split(b"."):
    detector.feed(line)
detector.close()
print(detector.result["encoding"])
