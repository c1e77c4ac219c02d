"""Printed forms (多联单) as PDF, with ReportLab: plain paper (one page per copy) and overlay (data only,
at millimetre positions, onto pre-printed carbonless sets). No Qt here; the UI only previews and prints."""
