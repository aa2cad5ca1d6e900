-- Care records by district and kind over a window: in this index's order the sums need no temporary table
-- (measured on two years of counters: 10 ms instead of 35–60 ms for the city).
CREATE INDEX ix_dash_care_weekly_kind ON dash_care_weekly (district_code, kind, week, records);
