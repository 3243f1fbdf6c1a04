#!/usr/bin/python3
"""Renders a terminal capture with colours (tmux capture-pane -e) to a PNG, in a monospace font.

Usage: ansi_to_png.py CAPTURE.txt OUT.png COLUMNS ROWS
Understands the SGR codes tmux emits: reset, bold, reverse, 30-37/90-97 and 40-47/100-107
colours, 39/49 defaults, and 38;5;N / 48;5;N for the basic 16 colours.
"""
import re
import sys

from PIL import Image, ImageDraw, ImageFont

PALETTE = [(0x1d, 0x1f, 0x21), (0xcc, 0x44, 0x44), (0x5f, 0xb0, 0x4a), (0xd8, 0xb1, 0x3a),
           (0x4a, 0x82, 0xc4), (0xa8, 0x5f, 0xc4), (0x3a, 0xb0, 0xb8), (0xd0, 0xd0, 0xd0),
           (0x60, 0x60, 0x60), (0xff, 0x66, 0x66), (0x7f, 0xe0, 0x6a), (0xff, 0xe0, 0x6a),
           (0x6a, 0xa2, 0xf4), (0xd8, 0x8f, 0xf4), (0x6a, 0xe0, 0xe8), (0xff, 0xff, 0xff)]
FOREGROUND, BACKGROUND = (0xe8, 0xe8, 0xe8), (0x16, 0x18, 0x1b)
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"


def cells(text, columns, rows):
    """The screen as rows of (char, fg, bg, bold)."""
    grid = []
    state = {"fg": None, "bg": None, "bold": False, "reverse": False}
    for line in text.split("\n")[:rows]:
        row = []
        for token in re.split(r"(\x1b\[[0-9;]*m)", line):
            if token.startswith("\x1b["):
                apply(state, [int(c) if c else 0 for c in token[2:-1].split(";")])
                continue
            for char in token:
                fg, bg = state["fg"] or FOREGROUND, state["bg"] or BACKGROUND
                if state["reverse"]:
                    fg, bg = bg, fg
                row.append((char, fg, bg, state["bold"]))
        grid.append(row[:columns])
    return grid


def apply(state, codes):
    i = 0
    while i < len(codes):
        c = codes[i]
        if c == 0:
            state.update(fg=None, bg=None, bold=False, reverse=False)
        elif c == 1:
            state["bold"] = True
        elif c == 22:
            state["bold"] = False
        elif c == 7:
            state["reverse"] = True
        elif c == 27:
            state["reverse"] = False
        elif 30 <= c <= 37:
            state["fg"] = PALETTE[c - 30]
        elif 90 <= c <= 97:
            state["fg"] = PALETTE[c - 90 + 8]
        elif c == 39:
            state["fg"] = None
        elif 40 <= c <= 47:
            state["bg"] = PALETTE[c - 40]
        elif 100 <= c <= 107:
            state["bg"] = PALETTE[c - 100 + 8]
        elif c == 49:
            state["bg"] = None
        elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
            colour = PALETTE[codes[i + 2]] if codes[i + 2] < 16 else FOREGROUND
            state["fg" if c == 38 else "bg"] = colour
            i += 2
        i += 1


def render(grid, columns, rows, out):
    font, bold = ImageFont.truetype(FONT, 15), ImageFont.truetype(BOLD_FONT, 15)
    width, height = font.getbbox("M")[2], 19
    image = Image.new("RGB", (columns * width + 16, rows * height + 16), BACKGROUND)
    draw = ImageDraw.Draw(image)
    for y, row in enumerate(grid):
        for x, (char, fg, bg, is_bold) in enumerate(row):
            left, top = 8 + x * width, 8 + y * height
            if bg != BACKGROUND:
                draw.rectangle([left, top, left + width, top + height], fill=bg)
            if char != " ":
                draw.text((left, top + 1), char, fill=fg, font=bold if is_bold else font)
    image.save(out)


if __name__ == "__main__":
    capture, out, columns, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(capture, encoding="utf-8") as f:
        render(cells(f.read(), columns, rows), columns, rows, out)
