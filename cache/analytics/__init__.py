"""The KPIs of docs/analytics.md, computed on the laptop from the cached rows:

    figures      the ad figures and their ratios (CTR, CPC, CPL, ROAS, CAC), for the aggregates, the files and the
                 marketing reads alike
    stale        what a changed row makes stale, recorded in the sync page's own transaction
    aggregates   the aggregate tables, brought up to date after a sync or rebuilt
    ads          the ad figures per campaign and day and per ad and month, summed elsewhere on a rebuild
    files        the analytics/ and ad_logs/ files rendered from the aggregates
    period       any range of days, for the dashboard's custom range
"""
