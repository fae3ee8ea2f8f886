"""The Excel template: what it looks like, reading a filled-in workbook, writing one."""
