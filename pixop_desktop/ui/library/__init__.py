"""The Library page: the projects and videos Pixop has."""
