"""The read side: typed views of cases for screens, forms and exports.

Views carry codes (enums), typed values (datetimes, fen, bools) and the
branch's own data (configured list labels, names); they never carry a
rendered sentence or a vocabulary label, so every reader renders them in its
own language: the UI in the user's, printing in the form's (Chinese).
Builders here take a SQLAlchemy session and plain parameters; who may see
what (visibility, phone masking) is decided by ``branchdesk.services.queries``,
which calls them. Nothing here imports the services (they import us).
"""
