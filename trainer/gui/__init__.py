"""The Qt desktop app. Everything Qt lives under this package; the engine and formats never
import it."""
