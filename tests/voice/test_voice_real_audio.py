"""A real cue through QtMultimedia into a private PulseAudio null sink, recorded with parec.

The player runs in a child process so its QtMultimedia connects to this sink,
whatever other tests did to QtMultimedia in the test process.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from nullsink import RATE, NullSink  # noqa: E402

from hipcoach.voice import wavfile  # noqa: E402

PLAYER = r"""
import json, sys
from PySide6.QtCore import QCoreApplication, QTimer
from hipcoach.voice.tts_speaker import TtsSpeaker
app = QCoreApplication([])
speaker = TtsSpeaker(volume=0.5)
faults = []
speaker.fault.connect(faults.append)
def play(seconds):
    if seconds:
        speaker.say(sys.argv[1])
    QTimer.singleShot(int(1000 * (seconds.get(sys.argv[1], 0) + 0.5)), app.quit)
speaker.prepared.connect(play)
speaker.prepare([sys.argv[1]])
app.exec()
print(json.dumps({"seconds": speaker.seconds(sys.argv[1]), "faults": faults}))
"""

TEXT = "Switch sides. Right side."


@pytest.mark.slow
@pytest.mark.speech
@pytest.mark.skipif(not (shutil.which("pulseaudio") and shutil.which("parec")),
                    reason="needs pulseaudio and parec")
def test_a_cue_comes_out_of_the_sound_device_whole(tmp_path):
    with NullSink() as sink, sink.record() as recording:
        child = subprocess.run([sys.executable, "-c", PLAYER, TEXT], capture_output=True,
                               text=True, timeout=60,
                               env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert child.returncode == 0, child.stderr
    report = json.loads(child.stdout.strip().splitlines()[-1])
    assert report["faults"] == [] and report["seconds"] > 1.0
    span = wavfile.sound_span(recording.samples)
    assert span is not None, "nothing was heard"
    heard = (span[1] - span[0]) / RATE
    assert heard == pytest.approx(report["seconds"], abs=0.1)
    loud = recording.samples[span[0]:span[1]]
    assert wavfile.rms(loud) > 500
    assert len(recording.onsets(quiet=0.5)) == 1  # one cue, played once
