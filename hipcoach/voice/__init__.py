"""Hip Coach's voice: cues rendered by pyttsx3, played with QtMultimedia, timed by the session.

Modules: `speaker` (the Speaker protocol, silent and recording speakers),
`engine` (the process's pyttsx3 engine, used in turns; a fresh one after a
hang), `render` (pyttsx3 on one worker thread, WAV cache, the voice list),
`playback` (preloaded QSoundEffects), `tts_speaker` (the real speaker),
`timing` (speech-aware plan and the overlap check), `coach` (VoiceCoach, which
follows a Session), `terminal` (the voice of `hipcoach run --no-window`).
Nothing here is imported by `hipcoach` at start-up.
"""
