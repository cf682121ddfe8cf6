"""Bringing a plan in: reading Word/PDF/text/Excel plans, reviewing, saving.

``parse_file`` (``models.plan_import.parser``) reads a file into a
``ParsedPlan`` (``models.plan_import.model``); ``commit_plan``
(``models.plan_import.commit``) saves the reviewed plan in one transaction;
``models.plan_import.excel`` writes the Excel template and reads it back
with row-by-row checks; ``models.plan_import.units`` matches the unit names
of the plan with the commune's units. Qt-free.
"""
