-- State rules of Louisiana, Pennsylvania, Texas and Connecticut, each with the source it was read from, in English and
-- Spanish. Start dates the sources do not give are said to be unknown (0600), never invented. Nevada: no practice
-- rule with a deadline was established from the sources read (NRS 432B.580 sets semiannual reviews and a sibling
-- visitation plan, without a deadline from a placement event), so Nevada has no rows and its sites set their own.
-- Pennsylvania's hearing notice (42 Pa.C.S. 6336.1: "timely notice" and the right to be heard) and Connecticut's
-- (Conn. Gen. Stat. 46b-129: notice and the right to be heard) set no number of days, so they are no rows either:
-- a site's own setting supplies the number.
INSERT INTO practice_rule (state_code, practice, trigger, applies_to, due_amount, due_unit, due_direction, repeat_days,
  exclusions, layer, effective_from, effective_to, effective_note, effective_note_es, source_url, source_note, source_note_es)
VALUES
('TX', 'hearing_caregiver_notice', 'hearing', 'all', 10, 'days', 'before', NULL, '{}', 'state', NULL, NULL,
 'In force by November 2023 (Texas Child Protection Law Bench Book); start date not established.',
 'Vigente en noviembre de 2023 (Texas Child Protection Law Bench Book); fecha de inicio no establecida.',
 'http://benchbook.texaschildrenscommission.gov/library_item/gov.texaschildrenscommission.benchbook/84?print=1',
 'At least 10 days'' notice of each hearing under Chapter 263 to the foster parent, pre-adoptive parent or relative caregiver, who may present evidence and be heard (Tex. Fam. Code 263.0021).',
 'Aviso con al menos 10 días de anticipación de cada audiencia del capítulo 263 al padre o la madre de crianza, al padre o la madre preadoptivo o al familiar cuidador, quien puede presentar pruebas y ser escuchado (Tex. Fam. Code 263.0021).'),
('TX', 'planned_move_notice', 'planned_move', 'all', 48, 'hours', 'before', NULL, '{}', 'state', NULL, NULL,
 'In force by 2024 (Tex. Fam. Code 264.018 as published); start date not established.',
 'Vigente en 2024 (Tex. Fam. Code 264.018 publicado); fecha de inicio no establecida.',
 'https://texas.public.law/statutes/tex._fam._code_section_264.018',
 'Notice at least 48 hours before the department changes the child''s residential child-care facility, to the parent, the child''s attorney and guardian ad litem, the volunteer advocate and the child-placing agency (Tex. Fam. Code 264.018(e)).',
 'Aviso con al menos 48 horas de anticipación antes de que el departamento cambie el centro de cuidado residencial del niño, al padre o la madre, al abogado y al tutor ad litem del niño, al defensor voluntario y a la agencia de colocación (Tex. Fam. Code 264.018(e)).'),
('PA', 'planned_move_notice', 'planned_move', 'all', 15, 'days', 'before', NULL, '{contrary_to_safety}', 'state', NULL, NULL,
 'In force by September 2024 (Pennsylvania Code as published); start date not established.',
 'Vigente en septiembre de 2024 (Pennsylvania Code publicado); fecha de inicio no establecida.',
 'https://pacodeandbulletin.gov/Display/pacode?file=%2Fsecure%2Fpacode%2Fdata%2F055%2Fchapter3700%2Fs3700.73.html',
 'Written notice to the foster parents of their right to appeal a child''s relocation at least 15 days before it; not when the child has been with them under 6 months, the court ordered the removal, the child returns to the parents or goes to an adoptive home, or protective custody is needed (55 Pa. Code 3700.73).',
 'Aviso por escrito a los padres de crianza de su derecho a apelar el traslado del niño al menos 15 días antes; no cuando el niño lleva menos de 6 meses con ellos, el tribunal ordenó el retiro, el niño regresa con sus padres o va a un hogar adoptivo, o se necesita custodia de protección (55 Pa. Code 3700.73).'),
('CT', 'planned_move_notice', 'planned_move', 'all', 14, 'days', 'before', NULL, '{}', 'state', NULL, NULL,
 'In force by May 2013 (attorney''s summary of DCF practice); start date not established.',
 'Vigente en mayo de 2013 (resumen de un abogado sobre la práctica del DCF); fecha de inicio no establecida.',
 'https://www.briankaschel.com/blog/2013/05/foster-parents-rights-in-connecticut-when-child-is-removed.shtml',
 'Except in an emergency, DCF notifies the foster parent in writing at least 14 days before removing a foster child (as summarised by a Connecticut attorney; the regulation itself was not retrieved).',
 'Salvo en una emergencia, el DCF notifica por escrito al padre o la madre de crianza al menos 14 días antes de retirar a un niño en crianza (según el resumen de un abogado de Connecticut; no se consultó el reglamento mismo).'),
('LA', 'cft_meeting', 'initial_placement', 'all', 45, 'days', 'after', NULL, '{}', 'state', NULL, NULL,
 'In force before 2024; start date not established.',
 'Vigente antes de 2024; fecha de inicio no establecida.',
 'https://dcfs.la.gov/page/cinc-process-information',
 'Case plan, made with the family, within 45 days of the child''s entry into care and updated every 6 months (Louisiana DCFS, Child in Need of Care process).',
 'Plan del caso, elaborado con la familia, dentro de los 45 días siguientes al ingreso del niño en cuidado y actualizado cada 6 meses (DCFS de Luisiana, proceso de Child in Need of Care).');
