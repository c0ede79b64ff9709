-- One area's rows (a county's dashboard) are found through its children:
-- without these, each of the reader's five queries scanned every child or
-- home in the country (≈ 200 ms each at 3 M children; with them, a few ms).
-- (area_id, child_key) also answers the reader's child_key IN (…) subquery
-- from the index alone.
CREATE INDEX outcome_child_area_idx ON outcome_child(area_id, child_key);
CREATE INDEX outcome_home_area_idx ON outcome_home(area_id);
