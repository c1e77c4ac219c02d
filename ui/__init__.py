"""BranchDesk's Qt front end: thin, shows and collects, calls ``branchdesk.services``."""
