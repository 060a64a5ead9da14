"""Obligations: who must do what, with whom, by when (issue 6).

``ObligationFinder(doc, find_orgs, joint).find()`` gives the :class:`~pipeline.model.Obligation` records of one
document: bearers resolved, modality, action, coordinators, beneficiary, deadline normalized, section. The work is
split by job: :mod:`.layout` (list items, task fields, sentences), :mod:`.tables` (task tables), :mod:`.bearers`
(who a phrase names), :mod:`.frames` (the wordings that oblige), :mod:`.deadlines` (dates and periods due),
:mod:`.finder` (putting them together with what the headings above say).
"""

from pipeline.nlp.obligations.deadlines import normalize_deadline
from pipeline.nlp.obligations.finder import ObligationFinder

__all__ = ["ObligationFinder", "normalize_deadline"]
