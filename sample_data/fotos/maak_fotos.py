"""Make the sample report's "photos": small abstract pictures drawn with matplotlib.

They stand in for photos from the field (all invented, as are their captions and credits
in ../tekst-2020.md). Run from anywhere: python sample_data/fotos/maak_fotos.py
(it needs matplotlib, which socius itself no longer uses: pip install matplotlib).
"""

from pathlib import Path

import numpy as np
from matplotlib import patches
from matplotlib.figure import Figure

HERE = Path(__file__).resolve().parent
W, H, DPI = 4.0, 2.6, 80  # 320 x 208 pixels


def save(fig: Figure, name: str) -> None:
    fig.savefig(HERE / name, dpi=DPI, pil_kwargs={"quality": 72, "optimize": True})


def trefweek() -> None:  # screens in a grid: an online meeting week
    rng = np.random.default_rng(2020)
    fig = Figure(figsize=(W, H))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.set_xlim(0, 4)
    ax.set_ylim(0, 3)
    ax.axis("off")
    ax.add_patch(patches.Rectangle((0, 0), 4, 3, color="#203040"))
    palette = ["#9dc3e6", "#d9822b", "#f2c14e", "#7fb069", "#e4572e", "#c3b1e1"]
    for i in range(4):
        for j in range(3):
            c = palette[rng.integers(len(palette))]
            ax.add_patch(patches.FancyBboxPatch(
                (i + 0.08, j + 0.08), 0.84, 0.84, boxstyle="round,pad=0,rounding_size=0.08",
                color="#2d4458"))
            ax.add_patch(patches.Circle((i + 0.5, j + 0.55), 0.18,
                                                                 color=c))
            ax.add_patch(patches.Ellipse((i + 0.5, j + 0.17), 0.5,
                                                                  0.3, color=c))
    save(fig, "trefweek.jpg")


def wandeling() -> None:  # a walk through hills at dusk
    fig = Figure(figsize=(W, H))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.axis("off")
    x = np.linspace(0, 10, 300)
    ax.imshow(np.linspace(0, 1, 100).reshape(-1, 1), extent=(0, 10, 0, 6), cmap="magma",
              aspect="auto", origin="lower", alpha=0.9)
    for k, colour in enumerate(["#3b2c4a", "#2a2038", "#181226"]):
        y = 2.4 - k * 0.7 + 0.5 * np.sin(x * (0.6 + 0.3 * k) + k)
        ax.fill_between(x, 0, y, color=colour)
    ax.plot(x, 0.4 + 0.15 * np.sin(2 * x), color="#f2c14e", lw=2, ls=(0, (4, 3)))
    ax.add_patch(patches.Circle((7.8, 4.3), 0.6, color="#ffd79a"))
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6)
    save(fig, "wandeling.jpg")


def muur() -> None:  # a wall of posters
    rng = np.random.default_rng(30)
    fig = Figure(figsize=(W, H))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.axis("off")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6.5)
    ax.add_patch(patches.Rectangle((0, 0), 10, 6.5,
                                                            color="#c9b79c"))
    colours = ["#e4572e", "#f2c14e", "#1f4e79", "#7fb069", "#ffffff", "#d9822b"]
    for i in range(10):
        for j in range(5):
            w, h = 0.8 + rng.random() * 0.15, 1.05 + rng.random() * 0.15
            ax.add_patch(patches.Rectangle(
                (i + 0.05, j * 1.3 + 0.05), w, h, angle=rng.normal(0, 3),
                color=colours[rng.integers(len(colours))], ec="#555555", lw=0.4))
    save(fig, "muur.jpg")


def caravan() -> None:  # a caravan in a meadow
    fig = Figure(figsize=(W, H))
    ax = fig.add_axes([0, 0, 1, 1])
    ax.axis("off")
    ax.set_xlim(0, 10)
    ax.set_ylim(0, 6.5)
    ax.add_patch(patches.Rectangle((0, 0), 10, 6.5, color="#bfe1f5"))
    ax.add_patch(patches.Rectangle((0, 0), 10, 2.2, color="#7fb069"))
    ax.add_patch(patches.FancyBboxPatch((2.5, 1.8), 4.8, 2.4,
                                        boxstyle="round,pad=0,rounding_size=0.9",
                                        color="#f4f1ea", ec="#555555", lw=1))
    ax.add_patch(patches.Rectangle((2.5, 2.3), 4.8, 0.35, color="#d9822b"))
    ax.add_patch(patches.Rectangle((3.2, 2.9), 1.2, 0.8, color="#6fa8dc", ec="#555555"))
    ax.add_patch(patches.Rectangle((5.3, 1.9), 0.8, 1.7, color="#e4572e", ec="#555555"))
    ax.add_patch(patches.Circle((4.0, 1.75), 0.45, color="#333333"))
    ax.add_patch(patches.Circle((4.0, 1.75), 0.18, color="#aaaaaa"))
    for cx in (1.2, 8.4):
        ax.add_patch(patches.Circle((cx, 3.2), 0.9, color="#4c8c4a"))
        ax.add_patch(patches.Rectangle((cx - 0.12, 1.8), 0.24, 0.8, color="#6b4f3a"))
    save(fig, "caravan.jpg")


if __name__ == "__main__":
    trefweek()
    wandeling()
    muur()
    caravan()
