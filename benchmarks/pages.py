"""Synthetic scanned pages with known text, and the character error rate of OCR on them.

``render_page`` draws real Vietnamese document text (the seed letter in corpus/seed) onto
an A4 page at a chosen resolution, then degrades it the way archive scans are degraded:
sensor noise, a skewed feed, a red seal stamped over the signature area. The benchmarks
and the OCR tests share it, so a figure in a closing note and a test assert the same thing.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from rapidfuzz.distance import Levenshtein

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "corpus" / "seed" / "cantho_3645_UBND-KGVX.txt"
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.9
FONT_POINTS = 12


def seed_paragraphs(limit: int = 6) -> list[str]:
    """Body paragraphs of the seed letter (markdown emphasis removed), the longest first."""
    text = re.sub(r"\*\*", "", SEED.read_text(encoding="utf-8"))
    paragraphs = [" ".join(p.split()) for p in text.split("\n\n")]
    return sorted((p for p in paragraphs if len(p) > 150), key=len, reverse=True)[:limit]


def page_lines(paragraphs: list[str], chars_per_line: int = 78, max_lines: int = 38) -> list[str]:
    """Wrap paragraphs into the lines of one page."""
    lines: list[str] = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, chars_per_line))
        if len(lines) >= max_lines:
            break
    return lines[:max_lines]


def render_page(lines: list[str], dpi: int, noise: float = 0.0, skew: float = 0.0, seal: bool = False,
                seed: int = 0) -> Image.Image:
    """An RGB A4 page at ``dpi`` holding ``lines``; ``noise`` is the Gaussian sigma in gray levels,
    ``skew`` a rotation in degrees, ``seal`` stamps a red seal over the lower text."""
    width, height = (round(side * dpi) for side in A4_INCHES)
    font = ImageFont.truetype(str(FONT), round(FONT_POINTS * dpi / 72))
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    x = y = round(MARGIN_INCHES * dpi)
    step = round(FONT_POINTS * 1.6 * dpi / 72)
    for line in lines:
        draw.text((x, y), line, font=font, fill=(20, 20, 20))
        y += step
    if seal:
        _stamp_seal(image, center=(width * 0.62, y - 4 * step), radius=0.75 * dpi)
    if skew:
        image = image.rotate(skew, resample=Image.Resampling.BICUBIC, fillcolor="white", expand=False)
    if noise:
        rng = np.random.default_rng(seed)
        pixels = np.asarray(image, dtype=np.float32) + rng.normal(0, noise, (height, width, 1))
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "RGB").filter(ImageFilter.GaussianBlur(0.6))
    image.info["dpi"] = (dpi, dpi)
    return image


def _stamp_seal(image: Image.Image, center: tuple[float, float], radius: float) -> None:
    """A translucent red round seal (rings, a star, ring text) drawn over what is there."""
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    cx, cy = center
    red = (200, 30, 40, 170)
    for r, width in ((radius, max(2, round(radius / 25))), (radius * 0.72, max(1, round(radius / 40)))):
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=width)
    small = ImageFont.truetype(str(FONT), max(8, round(radius / 7)))
    for i, ch in enumerate("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ * "):
        angle = np.deg2rad(i * 10 - 90)
        px, py = cx + 0.86 * radius * np.cos(angle), cy + 0.86 * radius * np.sin(angle)
        draw.text((px, py), ch, font=small, fill=red, anchor="mm")
    points = [((0.3 if k % 2 == 0 else 0.12) * radius, np.deg2rad(k * 36 - 90)) for k in range(10)]
    draw.polygon([(cx + r * np.cos(a), cy + r * np.sin(a)) for r, a in points], fill=red)  # the star
    image.paste(Image.alpha_composite(image.convert("RGBA"), layer).convert("RGB"))


def normalize_for_cer(text: str) -> str:
    """Whitespace collapsed to single spaces, markdown emphasis and table pipes dropped."""
    return " ".join(re.sub(r"\*\*|\||#+ ", " ", text).split())


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate: edit distance / reference length, after :func:`normalize_for_cer`."""
    ref, hyp = normalize_for_cer(reference), normalize_for_cer(hypothesis)
    return Levenshtein.distance(ref, hyp) / max(1, len(ref))
