"""The OCR path on rendered pages with a known text: accuracy, deskew, parallel pages, timeouts."""

from __future__ import annotations

from functools import partial

import numpy as np
import pytest

from pipeline.extract.ocr import OcrQueue, estimate_skew, ocr_page
from pipeline.limits import Limits

pytest.importorskip("rapidfuzz")
pages = pytest.importorskip("benchmarks.pages")
if not pages.FONT.is_file():
    pytest.skip("DejaVu fonts not installed (apt-get install fonts-dejavu-core)", allow_module_level=True)

LINES = pages.page_lines(pages.seed_paragraphs(), max_lines=24)
REFERENCE = "\n".join(LINES)


def test_clean_300_dpi_page_reads_almost_perfectly():
    page = ocr_page(pages.render_page(LINES, 300), 1, dpi=300)
    assert pages.cer(REFERENCE, page.text) <= 0.015
    assert page.confidence > 85


def test_noisy_skewed_150_dpi_page_with_a_red_seal():
    image = pages.render_page(LINES, 150, noise=12, skew=1.5, seal=True)
    assert pages.cer(REFERENCE, ocr_page(image, 1, dpi=150).text) <= 0.04


@pytest.mark.parametrize("skew", [-3.0, 1.5, 0.0])
def test_skew_is_measured(skew):
    gray = np.asarray(pages.render_page(LINES, 150, skew=skew).convert("L"))
    assert estimate_skew(gray) == pytest.approx(-skew, abs=0.25)


def test_queue_keeps_page_order_and_fails_a_timed_out_page_alone():
    image = pages.render_page(LINES[:6], 150)
    warnings: list[str] = []
    with OcrQueue() as queue:
        slow = Limits(page_timeout=0.001)  # Tesseract cannot finish
        queue.submit(1, partial(ocr_page, image, 1, dpi=150, limits=slow))
        for number in (2, 3, 4):
            queue.submit(number, partial(ocr_page, image, number, dpi=150))
        done = queue.finish(warnings)
    assert sorted(done) == [2, 3, 4] and [done[n].number for n in (2, 3, 4)] == [2, 3, 4]
    assert warnings == ["page 1: OCR failed (OCR timed out after 0.001 s)"]
    assert LINES[0].split()[0] in done[2].text
