"""Voice: cold-cache render time of every cue, and when the sound actually comes out.

1. Render: every distinct cue of the default workout rendered by pyttsx3 +
   espeak-ng into an empty cache (the engine starts cold if nothing used it
   before in this process), then again from the warm cache. Floor: the
   fastest single cue times the number of cues.
2. Ready after Start: VoiceCoach.prepare(default plan) on a cold cache, with
   QSoundEffect players on a PulseAudio null sink, until `ready` (the plan to run).
3. Play-call-to-sound: QSoundEffect.play() on the null sink, recorded with parec;
   the onset of the recorded sound minus the time of the call.
4. Step boundary: a real Session (real clock, PreciseTimer) over the first side of
   a 10-rep set, sending cues `output_latency` early; the onset of each cue minus
   the planned time of its step boundary or mark (the first cue, sent at Start,
   cannot be early and is left out). Measured here, a QSoundEffect sounds either
   about 36 ms after play() or almost at once (the same effect always the same
   way), so the onsets fall in two groups around the boundary.

Run alone:  QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/voice.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nullsink import NullSink, NullSinkError  # noqa: E402
from result import Result, print_table  # noqa: E402

GROUP = "voice"
READY_TARGET = 1.0  # s after Start, cold cache
BOUNDARY_TARGET = 0.040  # s, p95 of |sound onset - step boundary|
PLAY_TRIALS = 30
MATCH_WINDOW = 0.15  # s: an onset this close to an expected time belongs to it


def _default_plan():
    from hipcoach.plan import build_plan
    from hipcoach.routines import load_routine

    return build_plan(load_routine())


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_render() -> list[Result]:
    from hipcoach.voice.render import CueRenderer
    from hipcoach.voice.timing import cue_texts

    texts = cue_texts(_default_plan())
    with tempfile.TemporaryDirectory() as folder:
        cold = CueRenderer(cache=Path(folder))
        start = time.perf_counter()
        done: list[float] = []
        for future in cold.render_all(texts).values():
            future.result(60)
            done.append(time.perf_counter())
        cold_seconds = done[-1] - start
        each = [b - a for a, b in zip([start, *done], done)]
        cold.close()
        warm = CueRenderer(cache=Path(folder))
        start = time.perf_counter()
        for future in warm.render_all(texts).values():
            future.result(60)
        warm_seconds = time.perf_counter() - start
        rendered_again = warm.rendered_count
        warm.close()
    floor = min(each[1:]) * len(texts)
    print(f"{len(texts)} distinct cues: cold {cold_seconds * 1000:.0f} ms "
          f"(first cue incl. engine start {each[0] * 1000:.0f} ms, median "
          f"{statistics.median(each) * 1000:.1f} ms), warm {warm_seconds * 1000:.0f} ms, "
          f"re-rendered when warm: {rendered_again}")
    return [
        Result(GROUP, f"render all {len(texts)} cues, cold cache", cold_seconds * 1000, "ms",
               floor * 1000, f"<= {READY_TARGET * 1000:.0f} ms", cold_seconds <= READY_TARGET),
        Result(GROUP, "render one cue, median", statistics.median(each) * 1000, "ms",
               min(each[1:]) * 1000, "-", None),
        Result(GROUP, "all cues again, warm cache", warm_seconds * 1000, "ms", None,
               "0 re-rendered", rendered_again == 0),
    ]


def measure_ready_after_start() -> list[Result]:
    from PySide6.QtCore import QEventLoop, QTimer

    from hipcoach.voice.coach import VoiceCoach
    from hipcoach.voice.tts_speaker import TtsSpeaker

    with tempfile.TemporaryDirectory() as folder:
        coach = VoiceCoach(TtsSpeaker(cache=Path(folder)))
        notices: list[str] = []
        coach.notice.connect(notices.append)
        ready: list[object] = []
        loop = QEventLoop()
        coach.ready.connect(ready.append)
        coach.ready.connect(loop.quit)
        QTimer.singleShot(20_000, loop.quit)
        start = time.perf_counter()
        coach.prepare(_default_plan())
        if not ready:
            loop.exec()
        seconds = time.perf_counter() - start
        coach.close()
    print(f"ready after Start (cold cache, players on the null sink): {seconds * 1000:.0f} ms"
          + (f"; notices: {notices}" if notices else ""))
    ok = bool(ready) and not notices and seconds <= READY_TARGET
    return [Result(GROUP, "cues ready after Start, cold cache", seconds * 1000, "ms", None,
                   f"<= {READY_TARGET * 1000:.0f} ms", ok)]


def _wait(seconds: float) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(max(1, int(seconds * 1000)), loop.quit)
    loop.exec()


def _match(expected: list[float], onsets: list[float]) -> list[float]:
    """Onset minus expected time for each expected time that has an onset near it."""
    errors = []
    for at in expected:
        near = [onset - at for onset in onsets if abs(onset - at) <= MATCH_WINDOW]
        if near:
            errors.append(min(near, key=abs))
    return errors


def measure_play_latency(sink: NullSink) -> list[Result]:
    from hipcoach.voice.playback import CuePlayer
    from hipcoach.voice.render import CueRenderer

    with tempfile.TemporaryDirectory() as folder:
        renderer = CueRenderer(cache=Path(folder))
        cue = renderer.render("Hold.").result(30)
        renderer.close()
        player = CuePlayer()
        if not player.check_device():
            raise NullSinkError("Qt sees no audio output on the null sink")
        player.load(cue.text, cue.path)
        _wait(0.5)  # let the effect load
        calls = []
        with sink.record() as recording:
            _wait(0.3)
            for _ in range(PLAY_TRIALS):
                calls.append(time.monotonic())
                player.play(cue.text)
                _wait(0.7)
        player.deleteLater()
    onsets = recording.onsets()
    latencies = [min((o - c for o in onsets if 0 <= o - c <= 0.5), default=float("nan"))
                 for c in calls]
    heard = [x for x in latencies if x == x]
    if not heard:
        print("play-call-to-sound: no sound recorded")
        return [Result(GROUP, "play call to sound, p95", float("nan"), "ms", None, "-", False)]
    print(f"play-call-to-sound over {len(heard)}/{len(calls)} plays: median "
          f"{statistics.median(heard) * 1000:.1f} ms, p95 {_p95(heard) * 1000:.1f} ms, "
          f"max {max(heard) * 1000:.1f} ms")
    return [Result(GROUP, "play call to sound, median", statistics.median(heard) * 1000, "ms",
                   min(heard) * 1000, "-", None),
            Result(GROUP, "play call to sound, p95", _p95(heard) * 1000, "ms", None, "-",
                   len(heard) == len(calls))]


def measure_boundaries(sink: NullSink) -> list[Result]:
    from PySide6.QtCore import QEventLoop

    from hipcoach.model import Prescription, Selection
    from hipcoach.plan import Plan, StepKind, build_plan
    from hipcoach.routines import load_routine
    from hipcoach.session import Session
    from hipcoach.voice.coach import VoiceCoach
    from hipcoach.voice.timing import planned_speech, speech_problems
    from hipcoach.voice.tts_speaker import TtsSpeaker

    routine = load_routine()
    full = build_plan(routine, Prescription(reps=10, sets=1, get_ready=5),
                      Selection((("glute-bridge", "single-leg"),)))
    switch = next(s.index for s in full.steps if s.kind is StepKind.SWITCH)
    plan = Plan(full.routine_id, full.prescription, full.steps[:switch + 1])
    with tempfile.TemporaryDirectory() as folder:
        speaker = TtsSpeaker(cache=Path(folder))
        coach = VoiceCoach(speaker)
        loop = QEventLoop()
        ready: list[Plan] = []
        coach.ready.connect(ready.append)
        coach.ready.connect(loop.quit)
        coach.prepare(plan)
        if not ready:
            loop.exec()
        fitted = ready[0]
        _wait(0.5)  # effects finish loading
        session = Session(fitted, cue_lead=coach.output_latency)
        coach.attach(session)
        done = QEventLoop()
        session.finished.connect(done.quit)
        with sink.record() as recording:
            _wait(0.3)
            start = time.monotonic()
            session.start()
            done.exec()
            _wait(1.0)
        coach.close()
    planned = planned_speech(fitted, lambda text: speaker.seconds(text) or 0.0)
    expected = [start + s.at for s in planned[1:]]
    errors = _match(expected, recording.onsets())
    problems = speech_problems(planned, end=fitted.total_seconds)
    if not errors:
        print("step boundary: no cue onsets recorded")
        return [Result(GROUP, "sound vs step boundary, p95 |error|", float("nan"), "ms",
                       None, f"<= {BOUNDARY_TARGET * 1000:.0f} ms", False)]
    absolute = [abs(e) for e in errors]
    early = sum(1 for e in errors if e < -0.010)
    print(f"onset minus boundary, ms: {sorted(round(e * 1000, 1) for e in errors)}")
    print(f"cues sounding > 10 ms early: {early}, later: {len(errors) - early} "
          f"(cue_lead {coach.output_latency * 1000:.0f} ms)")
    print(f"step boundary over {len(errors)}/{len(expected)} cues: mean error "
          f"{statistics.fmean(errors) * 1000:+.1f} ms, p95 |error| {_p95(absolute) * 1000:.1f} ms,"
          f" max {max(absolute) * 1000:.1f} ms; planned overlaps: {len(problems)}")
    return [
        Result(GROUP, "sound vs step boundary, p95 |error|", _p95(absolute) * 1000, "ms",
               None, f"<= {BOUNDARY_TARGET * 1000:.0f} ms",
               _p95(absolute) <= BOUNDARY_TARGET and len(errors) == len(expected)),
        Result(GROUP, "sound vs step boundary, mean", statistics.fmean(errors) * 1000, "ms",
               None, "-", None),
        Result(GROUP, "cues found in the recording", len(errors), "", None,
               f"{len(expected)} of {len(expected)}", len(errors) == len(expected)),
    ]


def measure() -> list[Result]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QLoggingCategory

    QLoggingCategory.setFilterRules("qt.multimedia.symbolsresolver=false\n"
                                    "qt.multimedia.ffmpeg=false")
    app = QCoreApplication.instance() or QCoreApplication(["voice-bench"])
    rows = measure_render()
    try:
        with NullSink() as sink:
            rows += measure_ready_after_start()
            rows += measure_play_latency(sink)
            rows += measure_boundaries(sink)
    except NullSinkError as error:
        print(f"no null sink: {error}")
        rows.append(Result(GROUP, f"playback not measured ({error})", float("nan"), "", None,
                           "", None))
    del app
    return rows


if __name__ == "__main__":
    print_table(measure())
