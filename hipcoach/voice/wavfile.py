"""Small helpers over 16-bit mono WAV files, using only the `wave` module.

Rendered cues are trimmed of leading and trailing silence so that a cue starts
sounding the moment it is played and its length is the length of the speech.
"""

from __future__ import annotations

import array
import math
import os
import sys
import wave
from pathlib import Path

SILENCE_LEVEL = 250  # |sample| at or below this counts as silence (about -42 dBFS)
LEAD_PAD = 0.004  # seconds kept before the first sound
TAIL_PAD = 0.030  # seconds kept after the last sound


class WavError(ValueError):
    """A WAV file is missing, unreadable or holds no sound."""


def read_samples(path: str | os.PathLike[str]) -> tuple[array.array, int]:
    """The samples of a 16-bit mono WAV and its frame rate."""
    try:
        with wave.open(os.fspath(path), "rb") as wav:
            if wav.getsampwidth() != 2 or wav.getnchannels() != 1:
                raise WavError(f"{path}: expected 16-bit mono audio")
            rate = wav.getframerate()
            data = wav.readframes(wav.getnframes())
    except (OSError, EOFError, wave.Error) as error:
        raise WavError(f"{path}: {error}") from error
    samples = array.array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":  # WAV is little-endian
        samples.byteswap()
    return samples, rate


def write_samples(path: str | os.PathLike[str], samples: array.array, rate: int) -> None:
    """Write 16-bit mono samples as a WAV file."""
    out = array.array("h", samples)
    if sys.byteorder == "big":
        out.byteswap()
    with wave.open(os.fspath(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(out.tobytes())


def seconds(path: str | os.PathLike[str]) -> float:
    """Playing time of a WAV file, from its header."""
    try:
        with wave.open(os.fspath(path), "rb") as wav:
            return wav.getnframes() / float(wav.getframerate())
    except (OSError, EOFError, wave.Error) as error:
        raise WavError(f"{path}: {error}") from error


def rms(samples: array.array) -> float:
    """Root mean square level of the samples (0 for none)."""
    if not samples:
        return 0.0
    return math.sqrt(sum(s * s for s in samples) / len(samples))


def sound_span(samples: array.array, level: int = SILENCE_LEVEL) -> tuple[int, int] | None:
    """First and one-past-last index of a sample louder than `level`, or None."""
    first = next((i for i, s in enumerate(samples) if abs(s) > level), None)
    if first is None:
        return None
    last = next(i for i in range(len(samples) - 1, -1, -1) if abs(samples[i]) > level)
    return first, last + 1


def trim_silence(source: str | os.PathLike[str], target: str | os.PathLike[str]) -> float:
    """Copy `source` to `target` without leading/trailing silence; return its seconds.

    Raises WavError when the file holds no sound at all.
    """
    samples, rate = read_samples(source)
    span = sound_span(samples)
    if span is None:
        raise WavError(f"{source}: no sound")
    begin = max(0, span[0] - int(LEAD_PAD * rate))
    end = min(len(samples), span[1] + int(TAIL_PAD * rate))
    write_samples(target, samples[begin:end], rate)
    return (end - begin) / rate


def write_beep(path: Path, frequency: float = 880.0, duration: float = 0.12,
               rate: int = 22050, level: float = 0.5) -> float:
    """Write a short sine beep with soft edges; return its seconds."""
    count = int(duration * rate)
    ramp = max(1, int(0.01 * rate))
    samples = array.array("h", bytes(2 * count))
    for i in range(count):
        envelope = min(1.0, i / ramp, (count - 1 - i) / ramp)
        samples[i] = int(32767 * level * envelope * math.sin(2 * math.pi * frequency * i / rate))
    write_samples(path, samples, rate)
    return count / rate
