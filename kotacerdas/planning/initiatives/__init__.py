"""Initiatives with their budget per year and funding source, their KPIs, and the XLSX workbook."""
