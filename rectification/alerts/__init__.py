"""Three-colour alerts (红黄绿三色预警): stages, the daily scan, digests and their channels.

- ``stages``: thresholds in calendar or Chinese working days, the stage of a due date;
- ``subjects``: what is due a new alert on a day (items, feedback documents, clues),
  inserted in SQL;
- ``rows``: the alerts of a scan as ``values()`` rows, to route and to describe;
- ``recipients``: who each alert goes to, by stage; one digest per addressee;
- ``digests``: what a digest says, its title and text;
- ``writing``: the notification of each digest and its deliveries, a batch at a time;
- ``channels``: sending a delivery by e-mail or webhook, retried by the task;
- ``scan``: ``run_alert_scan``, the one service the task and the command call.
"""

from rectification.alerts.scan import ScanResult, run_alert_scan

__all__ = ["ScanResult", "run_alert_scan"]
