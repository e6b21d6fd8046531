"""What the window leaves for after show(): menu icons, the workout and finished screens."""

from __future__ import annotations

import subprocess
import sys

from hipcoach.ui.exercise_row import bundled_routine_names, escape


def test_the_later_screens_are_built_once_and_join_the_stack(make_window):
    window = make_window()
    assert window.stack.count() == 1  # the start screen alone until something needs more
    for step in window.build_later_screens():
        step()
    assert window.stack.count() == 3
    assert window.stack.indexOf(window.workout_screen) >= 0
    assert window.stack.indexOf(window.finished_screen) >= 0
    assert window.current_screen() is window.start_screen
    workout, finished = window.workout_screen, window.finished_screen
    for step in window.build_later_screens():
        step()
    assert (window.workout_screen, window.finished_screen) == (workout, finished)
    assert window.stack.count() == 3


def test_menu_icons_arrive_when_installed_and_follow_pause_and_mute(make_window):
    window = make_window()
    actions = window.actions_
    assert actions.start.icon().isNull()
    window.menuBar().actions()[0].menu().aboutToShow.emit()  # opening a menu installs them
    assert not actions.start.icon().isNull()
    assert not actions.mute.icon().isNull()
    silent = actions.mute.icon().cacheKey()
    actions.mute.toggle()
    assert actions.mute.icon().cacheKey() != silent


def test_a_new_application_runs_in_the_fusion_style():
    code = ("from hipcoach.ui.app import create_application; "
            "print(create_application().style().name())")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=60, check=True)
    assert out.stdout.split() == ["fusion"]


def test_details_text_is_escaped_like_html():
    assert escape("<b>Tom & Jerry's \"mat\"</b>") == \
        "&lt;b&gt;Tom &amp; Jerry&#x27;s &quot;mat&quot;&lt;/b&gt;"


def test_routine_names_reuse_the_routine_already_loaded(routine):
    renamed = type(routine)(routine.id, "Already loaded", routine.description,
                            routine.exercises, routine.prescription)
    assert bundled_routine_names(renamed)[routine.id] == "Already loaded"
    assert bundled_routine_names()[routine.id] == routine.name


def test_the_workout_screen_is_painted_ahead_with_the_next_workouts_first_step(make_window):
    window = make_window(exercises=("glute-bridge",))
    for step in window.build_later_screens():
        step()
    screen = window.workout_screen
    assert window.current_screen() is window.start_screen   # painted hidden, not shown
    assert screen.exercise_label.text() == "Glute bridge"
    assert screen.position_label.text() == "EXERCISE 1 OF 1"


def test_painting_ahead_with_no_exercise_chosen_leaves_the_screen_alone(make_window):
    window = make_window(exercises=())
    for step in window.build_later_screens():
        step()   # no plan to show: nothing painted, nothing raised
    assert window.workout_screen.step is None
