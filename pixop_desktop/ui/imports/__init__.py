"""Dialogs that start imports Pixop makes itself: from an HTTPS URL, from an S3 input location."""

from .s3_dialog import ImportS3Dialog
from .url_dialog import ImportUrlDialog

__all__ = ["ImportS3Dialog", "ImportUrlDialog"]
