"""Figure files: one per variation, each loads, moves and fails clearly when broken."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF

from hipcoach.model import Side
from hipcoach.ui.figure import FigureError, figures_dir, load_figure
from hipcoach.ui.figure_view import FigureView


def all_variations(routine):
    return [(e, v) for e in routine.exercises for v in e.variations]


def test_every_variation_has_its_own_figure(routine):
    ids = [v.figure for _e, v in all_variations(routine)]
    assert all(ids) and len(set(ids)) == len(ids)
    assert {p.stem for p in figures_dir().glob("*.svg")} == set(ids)


@pytest.mark.parametrize("figure_id", sorted(p.stem for p in figures_dir().glob("*.svg")))
def test_each_figure_has_a_moving_accent_part_and_rests_at_pose_zero(figure_id):
    figure = load_figure(figure_id)
    moving = [p for p in figure.parts if p.moves and p.tint == "accent"]
    assert moving, "nothing moves"
    rest, top = figure.transforms(0.0), figure.transforms(1.0)
    assert all(t.isIdentity() for t in rest.values())
    for part in moving:
        far_end = QPointF(figure.view_box.right(), figure.view_box.bottom())
        assert top[part.id].map(far_end) != far_end, part.id


def test_per_side_figures_mirror_and_two_leg_figures_do_not(routine):
    for _exercise, variation in all_variations(routine):
        figure = load_figure(variation.figure)
        if variation.per_side:
            assert figure.needs_mirror(figure.side.other), variation.id
            assert not figure.needs_mirror(figure.side), variation.id
        else:
            assert not figure.needs_mirror(Side.LEFT) and not figure.needs_mirror(Side.RIGHT)


def test_a_child_part_rides_on_its_parent():
    figure = load_figure("donkey-kick-straight")
    top = figure.transforms(1.0)
    knee = QPointF(238, 214)              # the shin's pivot sits on the thigh
    assert (top["shin"].map(knee) - top["thigh"].map(knee)).manhattanLength() < 1e-6
    assert (top["thigh"].map(knee) - knee).manhattanLength() > 50   # and the knee did move


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:hc="urn:hipcoach:figure" '
       'viewBox="0 0 10 10">{}</svg>')


@pytest.mark.parametrize("body, message", [
    ("<g hc:tint='text'><rect width='1' height='1'/></g>", "needs an id"),
    ("<g id='a' hc:tint='pink'><rect width='1' height='1'/></g>", "tint must be one of"),
    ("<g id='a' hc:parent='b'><rect width='1' height='1'/></g>", "unknown parent 'b'"),
    ("<g id='a' hc:parent='b'/><g id='b' hc:parent='a'/>", "its own ancestor"),
    ("<g id='a' hc:pivot='1'/>", "pivot must be two numbers"),
])
def test_broken_figures_name_the_file_and_the_fault(tmp_path, body, message):
    (tmp_path / "bad.svg").write_text(SVG.format(body))
    with pytest.raises(FigureError, match=message) as caught:
        load_figure("bad", tmp_path)
    assert "bad.svg" in str(caught.value)


def test_unreadable_figures_fail_cleanly_and_the_view_stays_empty(tmp_path, qtbot):
    (tmp_path / "junk.svg").write_text("<svg")
    with pytest.raises(FigureError, match="cannot read figure"):
        load_figure("junk", tmp_path)
    with pytest.raises(FigureError, match="no such file|cannot read"):
        load_figure("missing", tmp_path)
    view = FigureView()
    qtbot.addWidget(view)
    view.set_figure_id("no-such-figure")
    assert view.figure is None
    view.grab()                            # paints nothing, raises nothing


@pytest.mark.parametrize("figure_id", sorted(p.stem for p in figures_dir().glob("*.svg")))
@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_a_new_pose_repaints_every_pixel_that_changes(figure_id, side, qtbot):
    """A pose change repaints only the box around the moving parts; nothing outside it
    may differ between the two poses (or the old leg would stay on screen)."""
    view = FigureView()
    qtbot.addWidget(view)
    view.resize(500, 330)
    view.set_figure_id(figure_id)
    view.set_side(side)
    for before, after in ((0.0, 0.3), (0.3, 0.7), (0.7, 1.0), (1.0, 0.0)):
        view.set_pose(before)
        old = view.grab().toImage()
        view.set_pose(after)
        new = view.grab().toImage()
        box = view.moving_rect(before).united(view.moving_rect(after))
        assert box.width() * box.height() < view.width() * view.height()  # not everything
        changed = [(x, y) for y in range(0, view.height(), 2) for x in range(0, view.width(), 2)
                   if old.pixel(x, y) != new.pixel(x, y)]
        assert changed, "the pose did not move anything"
        assert all(box.contains(x, y) for x, y in changed), (before, after)
