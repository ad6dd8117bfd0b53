"""Make the scanned samples: the Càng Long PDF printed and photocopied, as a PDF and as a TIFF.

Each page is rendered at 200 dpi in grey, turned by a slight angle, speckled with noise,
and stored as a JPEG image in a PDF with no text layer, as a photocopier's scan-to-PDF does.
Deterministic (fixed seed), so the file only changes when this script does.

    .venv/bin/python samples/make_scan.py
"""

from __future__ import annotations

import time
import random
from pathlib import Path

import numpy
import pypdfium2
from PIL import Image, ImageFilter

HERE = Path(__file__).parent
SOURCE = HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi.pdf"
TARGET = HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.pdf"
TIFF = HERE / "cang-long_55-KH-UBND_2021_ke-hoach-cong-tac-xa-hoi_ban-scan.tif"
DPI = 200


def photocopy(image: Image.Image, rng: random.Random) -> Image.Image:
    angle = rng.uniform(-0.8, 0.8)
    page = image.convert("L").rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    noise = Image.effect_noise(page.size, 18).point(lambda v: 255 if v > 100 else 200)
    page = Image.composite(page, noise, Image.new("L", page.size, 235))
    specks = Image.new("L", page.size, 255)
    for _ in range(400):
        x, y = rng.randrange(page.width), rng.randrange(page.height)
        specks.putpixel((x, y), rng.randrange(40, 160))
    page = Image.fromarray(numpy.minimum(numpy.asarray(page), numpy.asarray(specks)))
    return page.filter(ImageFilter.GaussianBlur(0.4))


def main() -> int:
    rng = random.Random(112)
    pdf = pypdfium2.PdfDocument(str(SOURCE))
    pages = [photocopy(page.render(scale=DPI / 72, grayscale=True).to_pil(), rng) for page in pdf]
    fixed = time.gmtime(1624953600)  # 2021-06-29: the same bytes on every run
    pages[0].save(TARGET, save_all=True, append_images=pages[1:], resolution=DPI, quality=60, creationDate=fixed, modDate=fixed)
    print(f"wrote {TARGET} ({len(pages)} pages, {TARGET.stat().st_size // 1024} KiB)")
    # the same pages as a fax-style TIFF (1 bit, CCITT G4), as scanners file them
    bilevel = [p.point(lambda v: 255 if v > 160 else 0).convert("1") for p in pages]
    bilevel[0].save(TIFF, save_all=True, append_images=bilevel[1:], compression="group4", dpi=(DPI, DPI))
    print(f"wrote {TIFF} ({TIFF.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
