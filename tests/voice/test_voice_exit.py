"""A process that used the voice exits clean, even with a render hanging at exit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CHILD = r"""
import atexit, sys, threading, weakref
from pathlib import Path
from hipcoach.voice import engine
from hipcoach.voice.render import CueRenderer

kept = []
# registered before the voice's own exit hook, so it runs after it
atexit.register(lambda: print("engine kept" if kept[0]() else "engine freed", flush=True))
rendering = threading.Event()

class HungEngine:
    def getProperty(self, name): return None
    def setProperty(self, name, value): pass
    def connect(self, topic, callback): return topic
    def disconnect(self, token): pass
    def save_to_file(self, text, filename): pass
    def runAndWait(self):
        rendering.set()
        threading.Event().wait()

real = CueRenderer(cache=Path(sys.argv[1]))
print(real.render("Hold.").result(30).seconds > 0, flush=True)
real.close()
kept.append(weakref.ref(engine.pyttsx3_engine()))
hung = CueRenderer(cache=Path(sys.argv[1]), engine_factory=HungEngine, timeout=600)
hung.render("Lower.")
rendering.wait()  # exit while the hung render holds its turn with the engine
"""


@pytest.mark.speech
def test_exit_frees_the_engine_while_python_still_works(tmp_path):
    child = subprocess.run([sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True,
                           text=True, timeout=60, env={**os.environ}, check=False)
    assert child.returncode == 0, child.stderr
    assert child.stdout.split() == ["True", "engine", "freed"]
    assert "Exception ignored" not in child.stderr and "Traceback" not in child.stderr, \
        child.stderr
