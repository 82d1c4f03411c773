#!/usr/bin/env python3
"""Draws callscope's icons into web/icons/: icon.svg, icon-192.png, icon-512.png.

A white trace with a dip and a spike (a call's quality over time) inside a ring, on the app's
accent blue. The PNGs fill their square and keep the drawing inside the central circle that
"maskable" icons may be cut to, so one picture serves both purposes. Needs Pillow; run it again
after changing the drawing: python3 web/make-icons.py
"""
from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).resolve().parent
OUT = HERE / "icons"
BLUE = "#0b5cad"
WHITE = "#ffffff"
# The drawing on a 0..1 square.
TRACE = [(0.22, 0.52), (0.36, 0.52), (0.43, 0.36), (0.52, 0.68), (0.59, 0.44), (0.64, 0.52), (0.78, 0.52)]
RING = (0.5, 0.5, 0.3)  # centre x, centre y, radius
TRACE_WIDTH = 0.055
RING_WIDTH = 0.04


def svg() -> str:
    points = " ".join(f"{x * 100:g},{y * 100:g}" for x, y in TRACE)
    cx, cy, r = (v * 100 for v in RING)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100">'
        f'<rect width="100" height="100" rx="18" fill="{BLUE}"/>'
        f'<circle cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="none" stroke="{WHITE}" '
        f'stroke-opacity="0.55" stroke-width="{RING_WIDTH * 100:g}"/>'
        f'<polyline points="{points}" fill="none" stroke="{WHITE}" '
        f'stroke-width="{TRACE_WIDTH * 100:g}" stroke-linecap="round" stroke-linejoin="round"/>'
        "</svg>\n"
    )


def png(size: int) -> Image.Image:
    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGB", (big, big), BLUE)
    draw = ImageDraw.Draw(image)
    cx, cy, r = (v * big for v in RING)
    ring = Image.new("L", (big, big), 0)
    ImageDraw.Draw(ring).ellipse(
        (cx - r, cy - r, cx + r, cy + r), outline=255, width=round(RING_WIDTH * big)
    )
    image.paste(Image.new("RGB", (big, big), WHITE), mask=ring.point(lambda v: v * 55 // 100))
    width = round(TRACE_WIDTH * big)
    points = [(x * big, y * big) for x, y in TRACE]
    draw.line(points, fill=WHITE, width=width, joint="curve")
    for x, y in (points[0], points[-1]):  # round line ends
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=WHITE)
    return image.resize((size, size), Image.LANCZOS)


def main() -> None:
    OUT.mkdir(exist_ok=True)
    (OUT / "icon.svg").write_text(svg())
    for size in (192, 512):
        png(size).quantize(colors=32).save(OUT / f"icon-{size}.png", optimize=True)
    for f in sorted(OUT.iterdir()):
        print(f"{f.relative_to(HERE.parent)}: {f.stat().st_size} bytes")


if __name__ == "__main__":
    main()
