"""The voice for `hipcoach run --no-window`: settings in, a ready coach and its plan out.

Used only from the terminal run, where waiting in a local event loop for the
cues to render (well under a second; bounded by PREPARE_LIMIT) is fine.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from typing import Any, Callable, TextIO

from PySide6.QtCore import QEventLoop, QLoggingCategory, QTimer

from hipcoach.plan import Plan
from hipcoach.voice.coach import VoiceCoach
from hipcoach.voice.tts_speaker import TtsSpeaker

PREPARE_LIMIT = 10.0  # s: longest wait for the cues before starting without speech
LAST_WORDS_LIMIT = 10.0  # s: longest wait for the last cue to finish at the end
# QtMultimedia tells the terminal which audio libraries it did not find; not the user's concern
QUIET_QT = "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg=false"


def voice_settings(args: argparse.Namespace) -> Any:
    """The saved voice settings (defaults when the file is missing or damaged)."""
    from hipcoach.settings import load_settings

    settings, _notice = load_settings(getattr(args, "config_dir", None), repair=False)
    return settings.voice


def start_voice(args: argparse.Namespace, plan: Plan, scale: float,
                err: TextIO | None = None,
                speaker_factory: Callable[..., Any] = TtsSpeaker,
                limit: float = PREPARE_LIMIT) -> tuple[VoiceCoach | None, Plan]:
    """A coach with every cue of `plan` ready, and the speech-aware plan to run.

    None (and the plan as given) when muted, switched off in the settings, or
    sped up. Faults are printed once to `err` and the workout runs silently.
    `speaker_factory(voice, rate, volume)` builds the speaker (tests pass one
    with a fake audio device).
    """
    err = err or sys.stderr
    if getattr(args, "mute", False) or scale != 1.0:
        return None, plan
    voice = voice_settings(args)
    if not voice.enabled:
        return None, plan
    QLoggingCategory.setFilterRules(QUIET_QT)
    _log_quietly()
    speaker = speaker_factory(voice.voice_id or None, voice.rate, voice.volume / 100)
    coach = VoiceCoach(speaker, beeps=voice.beeps)
    coach.notice.connect(lambda text: print(text, file=err, flush=True))
    ready: list[Plan] = []
    loop = QEventLoop()
    coach.ready.connect(ready.append)
    coach.ready.connect(loop.quit)
    QTimer.singleShot(int(limit * 1000), loop.quit)
    # the first look for audio devices may warn "pa_context_connect() failed": the notice says it
    QLoggingCategory.setFilterRules(QUIET_QT + "\ndefault.warning=false")
    try:
        coach.prepare(plan)
    finally:
        QLoggingCategory.setFilterRules(QUIET_QT)
    if not ready:
        loop.exec()
    if not ready:
        print("Voice off: the cues were not ready in time. The workout goes on without speech.",
              file=err, flush=True)
        coach.set_muted(True)
        return coach, plan
    return coach, ready[0]


def _log_quietly() -> None:
    """Faults reach the log if the app set one up; the terminal gets the notice only once."""
    logger = logging.getLogger("hipcoach.voice")
    if not any(isinstance(h, logging.NullHandler) for h in logger.handlers):
        logger.addHandler(logging.NullHandler())


def finish_voice(coach: VoiceCoach | None) -> None:
    """Let the last words play out, then release the speech engine."""
    if coach is None:
        return
    end = min(coach.speech_end, time.monotonic() + LAST_WORDS_LIMIT)
    while (left := end - time.monotonic()) > 0:  # a timer may wake a little early
        loop = QEventLoop()
        QTimer.singleShot(int(left * 1000) + 1, loop.quit)
        loop.exec()
    coach.close()
