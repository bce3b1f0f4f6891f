"""The processing wizard, generated from the processing model's ``FIELDS``.

``choose_processing(parent, source=None, preset=None)`` runs it modally and
returns the chosen ``ProcessingRequest`` (or None); ``ProcessingWizard`` is
the dialog itself.
"""

from .wizard import ProcessingWizard, choose_processing

__all__ = ["ProcessingWizard", "choose_processing"]
