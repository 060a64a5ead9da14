"""The shape of a Vietnamese syllable: onset, rhyme and at most one tone.

A syllable is an optional onset from a closed list, a rhyme from a closed list (vowel
nucleus with its glides and final consonant), and one tone mark on a vowel; the spelling
of c/k, g/gh and ng/ngh depends on the vowel that follows, and a syllable ending in c, ch,
p or t takes only the sắc or nặng tone. Used to tell Vietnamese from mis-decoded or
mis-read text (legacy encodings, OCR errors).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from pipeline.textnorm import fold

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
_STOP_TONES = frozenset("\u0301\u0323")
_ONSET_LIST = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"
_RHYME_LIST = """
    a ac ach ai am an ang anh ao ap at au ay ăc ăm ăn ăng ăp ăt âc âm ân âng âp ât âu ây
    e ec em en eng eo ep et ê êc êch êm ên êng ênh êp êt êu
    i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
    o oc oi om on ong op ot oo ooc oong ô ôc ôi ôm ôn ông ôp ôt ơ ơi ơm ơn ơp ơt
    u ua uc ui um un ung up ut uôc uôi uôm uôn uông uôt
    ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
    y ynh yt yêm yên yêng yêt yêu
    oa oac oach oai oam oan oang oanh oao oap oat oay oăc oăm oăn oăng oăt oe oen oeo oet
    uân uâng uât uây uê uêch uênh uơ uy uych uyn uynh uyp uyt uya uyên uyêt uyu
"""
ONSETS = ("", *_ONSET_LIST.split())
RHYMES = frozenset(_RHYME_LIST.split())
_BARE_RHYMES = frozenset(fold(r) for r in RHYMES)
_BARE_ONSETS = tuple(sorted({fold(o) for o in ONSETS}, key=len, reverse=True))
_STOPS = ("c", "ch", "p", "t")


def _spelling_ok(onset: str, rhyme: str) -> bool:
    """c/k, g/gh, ng/ngh: the spelling of an onset depends on the vowel after it."""
    front = rhyme[0] in "eêiy"
    if onset in ("k", "gh", "ngh"):
        return front
    if onset in ("c", "ng"):
        return not front
    if onset == "g":  # "gì" is g + i
        return rhyme[0] not in "eêy"
    return True


@lru_cache(maxsize=1 << 16)
def is_syllable(word: str) -> bool:
    """Whether a lower-case word is one well-formed Vietnamese syllable ("quyết" yes, "kéẻ" and "quyêt" no)."""
    base, tones, last = [], [], ""
    for ch in unicodedata.normalize("NFD", word):
        if ch in TONE_MARKS:
            if not last or last not in "aeiouy":
                return False
            tones.append(ch)
        else:
            base.append(ch)
            if not unicodedata.combining(ch):
                last = ch
    if len(tones) > 1:
        return False
    plain = unicodedata.normalize("NFC", "".join(base))
    for onset in ONSETS:
        rhyme = plain[len(onset):]
        if not plain.startswith(onset) or rhyme not in RHYMES or not _spelling_ok(onset, rhyme):
            continue
        if not rhyme.endswith(_STOPS) or (tones and tones[0] in _STOP_TONES):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def has_syllable_letters(bare: str) -> bool:
    """Whether letters without marks ("luat", "nguon") could spell a syllable once marks are added."""
    return any(bare.startswith(o) and bare[len(o):] in _BARE_RHYMES for o in _BARE_ONSETS)
