-- Rule texts in Spanish beside the English ones: the interface shows the user's language.
-- Each Spanish text translates the English source note it stands beside (migration 0201), nothing added; a rule
-- without one (a coordinator's new version with no translation) shows its English text, marked as English.
ALTER TABLE practice_rule ADD COLUMN source_note_es text
  CHECK (source_note_es IS NULL OR length(btrim(source_note_es)) >= 3);

UPDATE practice_rule SET source_note_es = t.es
FROM (VALUES
  ('7 days'' written notice before a planned placement change (MPP 31-440), until AB 2247.',
   'Aviso por escrito con 7 días de anticipación antes de un cambio de colocación planificado (MPP 31-440), hasta la AB 2247.'),
  ('14 calendar days'' written notice before a planned placement change (WIC 16010.7, AB 2247, since 1 January 2019).',
   'Aviso por escrito con 14 días naturales de anticipación antes de un cambio de colocación planificado (WIC 16010.7, AB 2247, desde el 1 de enero de 2019).'),
  ('Health and Education Passport to the caregiver no later than 30 days after the initial placement (WIC 16010).',
   'Pasaporte de Salud y Educación (Health and Education Passport) al cuidador a más tardar 30 días después de la colocación inicial (WIC 16010).'),
  ('Health and Education Passport within 48 hours of each subsequent placement (WIC 16010).',
   'Pasaporte de Salud y Educación (Health and Education Passport) dentro de las 48 horas siguientes a cada colocación posterior (WIC 16010).'),
  ('Medications in the agency''s possession and treatment information to the caregiver at placement, within 48 hours.',
   'Los medicamentos en poder de la agencia y la información del tratamiento, al cuidador en la colocación, dentro de las 48 horas.'),
  ('Child and Family Team meeting within 60 days of entry.',
   'Reunión del Equipo del Niño y la Familia dentro de los 60 días siguientes al ingreso.'),
  ('Child and Family Team meeting within 30 days of entry in ICWA cases.',
   'Reunión del Equipo del Niño y la Familia dentro de los 30 días siguientes al ingreso, en los casos ICWA.'),
  ('Siblings not placed together visit at least monthly (Children''s Bureau guidance; WIC 16002).',
   'Los hermanos que no están colocados juntos se visitan al menos una vez al mes (orientación del Children''s Bureau; WIC 16002).'),
  ('Hearing notice with JV-290 and JV-290-INFO to the caregiver (ACIN I-87-21a); 15 days is this site''s setting.',
   'Aviso de la audiencia, con los formularios JV-290 y JV-290-INFO, al cuidador (ACIN I-87-21a); los 15 días son la configuración de este sitio.'),
  ('Caregiver Information Form (JV-290) received and forwarded before the hearing; 10 days is this site''s setting.',
   'Formulario de información del cuidador (JV-290) recibido y enviado al tribunal antes de la audiencia; los 10 días son la configuración de este sitio.'),
  ('Comfort call between caregiver and parent after every placement or move; 72 hours is this site''s setting.',
   'Llamada de bienvenida entre el cuidador y el padre o la madre después de cada colocación o cambio; las 72 horas son la configuración de este sitio.'),
  ('Icebreaker meeting after placement (Santa Clara DFCS OPP 6-5 model); 14 days and the exclusions are this site''s setting.',
   'Reunión para romper el hielo después de la colocación (modelo OPP 6-5 del DFCS de Santa Clara); los 14 días y las exclusiones son la configuración de este sitio.'),
  ('Icebreaker no later than 14 days from placement; not for expedited TPR, incarcerated parent, relative placement or group care.',
   'Reunión para romper el hielo a más tardar 14 días después de la colocación; no en casos de terminación acelerada de la patria potestad (TPR), padre o madre encarcelado, colocación con familiares o cuidado en grupo.'),
  ('At least 2 weeks'' notice with the reason to parents, licensed caregivers and GAL/AAL (r. 65C-28.005).',
   'Aviso con al menos 2 semanas de anticipación, con el motivo, a los padres, a los cuidadores con licencia y al GAL/AAL (r. 65C-28.005).'),
  ('Emergency move: notify parents, CLS, GAL and attorney within 72 hours (r. 65C-28.005).',
   'Cambio de emergencia: notificar a los padres, a CLS, al GAL y al abogado dentro de las 72 horas (r. 65C-28.005).'),
  ('Siblings not placed together visit at least monthly (Children''s Bureau guidance).',
   'Los hermanos que no están colocados juntos se visitan al menos una vez al mes (orientación del Children''s Bureau).'),
  ('Caregivers are included in court hearings with timely notice (Partnership Plan, s. 409.1415); 14 days is this site''s setting.',
   'Los cuidadores participan en las audiencias judiciales con aviso oportuno (Partnership Plan, s. 409.1415); los 14 días son la configuración de este sitio.'),
  ('Initial (comfort) call within 72 hours of every placement or placement move (Minnesota law since 2020).',
   'Llamada inicial (de bienvenida) dentro de las 72 horas siguientes a cada colocación o cambio de colocación (ley de Minnesota desde 2020).'),
  ('Out-of-home placement plan, prepared with the foster parent, within 30 days of placement (Minn. Stat. 260C.212).',
   'Plan de colocación fuera del hogar, preparado con el padre o la madre de crianza, dentro de los 30 días siguientes a la colocación (Minn. Stat. 260C.212).')
) AS t(en, es)
WHERE practice_rule.source_note = t.en;
