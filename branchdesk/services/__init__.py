"""The service layer: the one way in for the UI and the command line.

Every use case is a method that takes the acting user, checks permissions
itself, runs in one transaction that also appends the timeline event, and
returns plain data (``branchdesk.services.dto``).
"""

from branchdesk.services.app import BranchDesk

__all__ = ["BranchDesk"]
