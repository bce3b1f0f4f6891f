"""File → Presets…: see, import, export, duplicate and delete processing presets."""
