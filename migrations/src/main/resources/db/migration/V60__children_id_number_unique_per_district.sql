-- An ID number is unique within a district's ledger, no longer across the city: a child registered in another
-- district (a migrant child who moved) is registered again and flagged for the city to reconcile (V61), so that
-- no answer tells a district admin that another district holds the child.
ALTER TABLE children DROP INDEX uk_children_id_number,
  ADD UNIQUE KEY uk_children_district_id_number (district_code, id_number_index),
  ADD KEY ix_children_id_number (id_number_index);
