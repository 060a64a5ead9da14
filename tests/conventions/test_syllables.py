"""The syllable shape shared by the legacy-encoding detector and the OCR repair."""

from __future__ import annotations

import pytest

from pipeline.conventions.syllables import has_syllable_letters, is_syllable


@pytest.mark.parametrize("word", ["quyết", "nghị", "định", "khuya", "gì", "giữa", "thuở", "kế", "hoạch", "ương", "yêu"])
def test_syllables(word):
    assert is_syllable(word)


@pytest.mark.parametrize("word", [
    "kéẻ",  # two tones (OCR)
    "quyêt", "xuât",  # a syllable ending in t takes sắc or nặng, never the level tone
    "ka", "ngé", "ghà",  # c/k, ng/ngh, g/gh spelling
    "ngoàii", "cán.", "abc", "på",
])
def test_not_syllables(word):
    assert not is_syllable(word)


def test_letters_that_could_take_marks():
    assert has_syllable_letters("luat") and has_syllable_letters("nguon") and has_syllable_letters("quyet")
    assert not has_syllable_letters("ubnd") and not has_syllable_letters("hdnd")
