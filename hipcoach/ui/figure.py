"""Exercise figures: SVG drawings whose named parts rotate about their pivots.

A figure file (resources/figures/<id>.svg) is a plain SVG whose top-level
groups are the parts. Attributes in the `urn:hipcoach:figure` namespace say how
each part moves:

- `hc:tint` on a part: `text`, `accent` or `muted`, the palette role that colours it;
- `hc:pivot="x y"` and `hc:lift="degrees"`: the part turns about the pivot by
  `lift` degrees at the top of a rep (0 at rest), positive clockwise;
- `hc:parent="id"`: the part is carried by another part (a shin on a thigh);
- `hc:side` on the root: the side the drawing shows (`left`, `right`, `both`);
  the other side is drawn mirrored.

Each part becomes its own small SVG document, so every part renders in the same
view-box coordinates and can be tinted and transformed on its own.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QPointF, QRectF
from PySide6.QtGui import QColor, QTransform
from PySide6.QtSvg import QSvgRenderer

from hipcoach import paths
from hipcoach.model import Side

SVG_NS = "http://www.w3.org/2000/svg"
HC_NS = "urn:hipcoach:figure"
TINTS = ("text", "accent", "muted")
MAX_FIGURE_BYTES = 256 * 1024
PAINT = b"#010203"  # placeholder paint, swapped for a palette colour when drawn


class FigureError(ValueError):
    """A figure file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class FigurePart:
    """One independently drawn and moved piece of a figure."""

    id: str
    tint: str
    pivot: QPointF
    lift: float
    parent: str | None
    document: bytes  # the part alone, painted in PAINT; tinted() swaps the colour

    @property
    def moves(self) -> bool:
        return self.lift != 0 or self.parent is not None


@dataclass(frozen=True)
class Figure:
    """A loaded figure: its view box, the side it shows and its parts in paint order."""

    id: str
    view_box: QRectF
    side: Side
    parts: tuple[FigurePart, ...]

    def needs_mirror(self, side: Side) -> bool:
        """True when `side` is the other side from the one drawn."""
        return side is not Side.BOTH and self.side is not Side.BOTH and side is not self.side

    def transforms(self, pose: float) -> dict[str, QTransform]:
        """Each part's transform (view-box coordinates) at `pose`, 0 = rest, 1 = top."""
        pose = min(1.0, max(0.0, pose))
        by_id = {part.id: part for part in self.parts}
        done: dict[str, QTransform] = {}

        def resolve(part: FigurePart) -> QTransform:
            if part.id not in done:
                local = (QTransform.fromTranslate(-part.pivot.x(), -part.pivot.y())
                         * QTransform().rotate(part.lift * pose)
                         * QTransform.fromTranslate(part.pivot.x(), part.pivot.y()))
                parent = resolve(by_id[part.parent]) if part.parent else QTransform()
                done[part.id] = local * parent
            return done[part.id]

        return {part.id: resolve(part) for part in self.parts}


def figures_dir() -> Path:
    """Folder of the bundled figure SVGs."""
    return paths.resources_dir() / "figures"


def figure_path(figure_id: str) -> Path:
    return figures_dir() / f"{figure_id}.svg"


def load_figure(figure_id: str, folder: Path | None = None) -> Figure:
    """Read and check one figure; raises FigureError with a one-line reason."""
    path = (folder or figures_dir()) / f"{figure_id}.svg"
    try:
        if path.stat().st_size > MAX_FIGURE_BYTES:
            raise FigureError(f"{path}: figure is larger than {MAX_FIGURE_BYTES} bytes")
        root = ET.fromstring(path.read_bytes())
    except (OSError, ET.ParseError) as exc:
        raise FigureError(f"{path}: cannot read figure: {exc}") from None
    try:
        return _parse(figure_id, root)
    except (ValueError, KeyError) as exc:
        raise FigureError(f"{path}: {exc}") from None


def _parse(figure_id: str, root: ET.Element) -> Figure:
    if root.tag != f"{{{SVG_NS}}}svg":
        raise ValueError("not an SVG document")
    numbers = [float(n) for n in root.get("viewBox", "").replace(",", " ").split()]
    if len(numbers) != 4 or numbers[2] <= 0 or numbers[3] <= 0:
        raise ValueError("the root needs a viewBox of four numbers")
    side = Side(root.get(f"{{{HC_NS}}}side", "both"))
    groups = [child for child in root if child.tag == f"{{{SVG_NS}}}g"]
    parts = tuple(_part(root, group) for group in groups)
    ids = {part.id for part in parts}
    for part in parts:
        if part.parent is not None and part.parent not in ids:
            raise ValueError(f"part '{part.id}' names an unknown parent '{part.parent}'")
    _check_acyclic(parts)
    return Figure(figure_id, QRectF(*numbers), side, parts)


def _part(root: ET.Element, group: ET.Element) -> FigurePart:
    part_id = group.get("id")
    if not part_id:
        raise ValueError("every top-level group needs an id")
    tint = group.get(f"{{{HC_NS}}}tint", "text")
    if tint not in TINTS:
        raise ValueError(f"part '{part_id}': tint must be one of {', '.join(TINTS)}")
    pivot_text = group.get(f"{{{HC_NS}}}pivot", "0 0").replace(",", " ").split()
    if len(pivot_text) != 2:
        raise ValueError(f"part '{part_id}': pivot must be two numbers")
    pivot = QPointF(float(pivot_text[0]), float(pivot_text[1]))
    lift = float(group.get(f"{{{HC_NS}}}lift", "0"))
    parent = group.get(f"{{{HC_NS}}}parent")
    document = _part_document(root, group)
    if not QSvgRenderer(QByteArray(document)).isValid():
        raise ValueError(f"part '{part_id}' does not render")
    return FigurePart(part_id, tint, pivot, lift, parent, document)


def tinted_renderer(part: FigurePart, colour: QColor) -> QSvgRenderer:
    """A renderer drawing `part` in one colour (its own opacities kept)."""
    return QSvgRenderer(QByteArray(part.document.replace(PAINT, colour.name().encode())))


def _part_document(root: ET.Element, keep: ET.Element) -> bytes:
    """A copy of the SVG holding only `keep`: no hc: attributes, every paint set to PAINT."""
    doc = ET.Element(f"{{{SVG_NS}}}svg", {"viewBox": root.get("viewBox", ""),
                                          "fill": PAINT.decode()})
    for child in root:
        if child is keep or child.tag == f"{{{SVG_NS}}}defs":
            doc.append(copy.deepcopy(child))
    for element in doc.iter():
        for name in [n for n in element.attrib if n.startswith(f"{{{HC_NS}}}")]:
            del element.attrib[name]
        for name in ("fill", "stroke"):
            if element.get(name, "none") != "none":
                element.set(name, PAINT.decode())
    ET.register_namespace("", SVG_NS)
    return ET.tostring(doc)


def _check_acyclic(parts: tuple[FigurePart, ...]) -> None:
    parents = {part.id: part.parent for part in parts}
    for start in parents:
        seen, current = set(), start
        while current is not None:
            if current in seen:
                raise ValueError(f"part '{start}' is its own ancestor")
            seen.add(current)
            current = parents[current]
