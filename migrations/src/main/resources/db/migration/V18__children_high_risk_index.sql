-- Children flagged HIGH_RISK, by when: the dashboard and the compliance page count those without an approved
-- plan since the flag. Without it the count read every child (120 000 rows in the dashboard benchmark, 24 ms a
-- city request); few children carry the flag, and unflagged ones (NULL) fall outside any `< :flagged` range.
CREATE INDEX `ix_children_high_risk` ON `children` (`high_risk_since`, `district_code`, `status`);
