"""Building blocks of the staff pages, shared by monitoring and reports: the list view, the filters,
the search condition, the select widget, the area picker and the number formats."""
