"""Developer tools: catalogs, icons, renders, a private X server. Not part of the app."""
