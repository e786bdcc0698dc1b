"""The screens of the main window, one module each (imported on first visit)."""
