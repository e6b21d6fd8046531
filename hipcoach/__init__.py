"""Hip Coach: a hands-free spoken interval coach for runners' hip strength."""

__version__ = "0.1.0"
