"""Staff pages of return-to-poverty monitoring (namespace `monitoring`, under /monitoring/).

The 风险筛查 page, the list of monitoring cases with the drill-down of every monitoring figure, the
case page with its measure and clearance forms, and the dashboard's `monitoring` section. Reads
use projects.monitoring (rules, screening, figures); writes go through its services.
"""
