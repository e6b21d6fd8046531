"""The voice coach: says a session's cues through a `Speaker`.

Typical use (the GUI thread never waits on speech)::

    coach = VoiceCoach(TtsSpeaker(voice, rate, volume), beeps=False)
    coach.ready.connect(lambda plan: start(Session(plan, cue_lead=coach.output_latency)))
    coach.prepare(plan)          # renders every cue on the worker thread
    ...
    coach.attach(session)        # before session.start()
"""

from __future__ import annotations

import time
from typing import Any, Callable

from PySide6.QtCore import QObject, Signal, Slot

from hipcoach.plan import CUE_GAP, PAUSED_CUE, RESUMED_CUE, WELCOME_BACK_CUE, Plan
from hipcoach.voice.speaker import Speaker, estimate_seconds
from hipcoach.voice.timing import COUNTDOWN_WORDS, cue_texts, speech_aware_plan

FINAL_COUNT = COUNTDOWN_WORDS[-1]


class VoiceCoach(QObject):
    """Listens to a Session and speaks: step cues, marks, pause, resume, welcome back.

    With `beeps` the 3-2-1 countdown is beeped instead of spoken. `muted` says
    nothing, but every cue is still prepared (and the plan made speech-aware),
    so unmuting mid-workout speaks from the next cue on.

    Signals:
        ready(object)   the plan to run, after prepare(): speech-aware when every cue
                        was rendered, else the plan as given (silent voice: same timing)
        notice(str)     one line for the user: the voice went silent (once), or the
                        speaker's own notices (e.g. a missing voice, the default speaks)
    """

    ready = Signal(object)
    notice = Signal(str)

    def __init__(self, speaker: Speaker, *, beeps: bool = False, muted: bool = False,
                 now: Callable[[], float] = time.monotonic,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.speaker = speaker
        self.speech_end = 0.0  # monotonic time the last cue sent will have finished
        self._now = now
        self.beeps = beeps
        self.muted = muted
        self._plan: Plan | None = None
        self._session: Any = None
        self._silenced = False
        speaker.set_muted(muted)
        speaker.prepared.connect(self._on_prepared)
        speaker.fault.connect(self._on_fault)
        speaker.notice.connect(self.notice)

    @property
    def output_latency(self) -> float:
        """Seconds from a play call to sound: pass as the Session's `cue_lead`."""
        return self.speaker.output_latency

    def prepare(self, plan: Plan) -> None:
        """Get every cue of `plan` ready; `ready` follows with the plan to run."""
        self._plan = plan
        self.speaker.prepare(cue_texts(plan))

    def attach(self, session: Any) -> None:
        """Speak for `session` (a hipcoach.session.Session); detaches any earlier one."""
        self.detach()
        self._session = session
        session.cue_due.connect(self._on_cue_due)
        session.paused.connect(self._on_paused)
        session.resumed.connect(self._on_resumed)
        session.suspended.connect(self._on_suspended)
        session.finished.connect(self._on_finished)

    def detach(self) -> None:
        """Stop listening to the attached session."""
        session, self._session = self._session, None
        if session is not None:
            for signal, slot in ((session.cue_due, self._on_cue_due),
                                 (session.paused, self._on_paused),
                                 (session.resumed, self._on_resumed),
                                 (session.suspended, self._on_suspended),
                                 (session.finished, self._on_finished)):
                signal.disconnect(slot)

    def set_muted(self, muted: bool) -> None:
        self.muted = muted
        self.speaker.set_muted(muted)

    def set_volume(self, volume: float) -> None:
        self.speaker.set_volume(volume)

    def close(self) -> None:
        self.detach()
        self.speaker.close()

    # --- slots -----------------------------------------------------------------------
    @Slot(object)
    def _on_prepared(self, durations: dict[str, float]) -> None:
        plan, self._plan = self._plan, None
        if plan is None:
            return
        if durations:
            plan = speech_aware_plan(plan, lambda text: durations.get(text)
                                     or estimate_seconds(text))
        self.ready.emit(plan)

    @Slot(str)
    def _on_fault(self, message: str) -> None:
        if not self._silenced:
            self._silenced = True
            self.notice.emit(f"Voice off: {message}. The workout goes on without speech.")

    def _say(self, text: str) -> None:
        self.speaker.say(text)
        if not self.muted:
            self.speech_end = (self._now() + self.speaker.output_latency
                               + (self.speaker.seconds(text) or 0.0))

    @Slot(object, str)
    def _on_cue_due(self, step: Any, text: str) -> None:
        if self.beeps and text in COUNTDOWN_WORDS:
            self.speaker.beep(final=text == FINAL_COUNT)
        else:
            self._say(text)

    @Slot()
    def _on_paused(self) -> None:
        self._say(PAUSED_CUE)

    @Slot()
    def _on_resumed(self) -> None:
        """Say so, unless the next cue comes too soon: it would cut the word off."""
        needed = (self.speaker.seconds(RESUMED_CUE) or 0.0) + CUE_GAP
        if self._session is None or _seconds_to_next_cue(self._session) >= needed:
            self._say(RESUMED_CUE)

    @Slot(float)
    def _on_suspended(self, gap: float) -> None:
        self._say(WELCOME_BACK_CUE)

    @Slot(object)
    def _on_finished(self, summary: Any) -> None:
        if not getattr(summary, "completed", True):
            self.speaker.stop()
            self.speech_end = 0.0


def _seconds_to_next_cue(session: Any) -> float:
    """Real seconds until the session's next cue: a mark of this step, or the next step."""
    step = session.current_step
    into = step.duration - session.remaining
    plan_seconds = min([at - into for at, _ in step.marks if at > into] + [session.remaining])
    return plan_seconds * session.time_scale
