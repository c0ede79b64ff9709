-- The day the maltreatment happened, when the report says (often it does
-- not: "ongoing", "unknown"). The CFSR safety indicators use it when it is
-- reported: S1 leaves out a report made in care about an incident before the
-- removal, S2 does not count a second report of the same incident (CFSR Round 4
-- data dictionary, S1 and S2). An incident cannot come after its report.
ALTER TABLE maltreatment_report ADD COLUMN incident_on date;
ALTER TABLE maltreatment_report ADD CONSTRAINT maltreatment_report_incident_before_report CHECK (incident_on IS NULL OR incident_on <= received_on);
