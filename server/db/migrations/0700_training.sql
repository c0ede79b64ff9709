-- Training library (issue 16): topics, items, hours rules, completions, the search log.
-- Search: full-text with the 'english' and 'spanish' configurations plus trigram similarity on titles.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE training_topic (
  code     text PRIMARY KEY CHECK (code ~ '^[a-z_]+$'),
  name_en  text NOT NULL,
  name_es  text NOT NULL
);

CREATE TABLE training_item (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code          text NOT NULL UNIQUE,
  site_id       uuid REFERENCES site(id),
  format        text NOT NULL CHECK (format IN ('tip_sheet', 'video', 'podcast', 'webinar', 'course')),
  topic_code    text NOT NULL REFERENCES training_topic(code),
  age_min       integer NOT NULL CHECK (age_min BETWEEN 0 AND 21),
  age_max       integer NOT NULL CHECK (age_max BETWEEN 0 AND 21 AND age_max >= age_min),
  credit_hours  numeric(4,2) NOT NULL CHECK (credit_hours >= 0 AND credit_hours <= 40),
  title_en      text NOT NULL,
  title_es      text NOT NULL,
  summary_en    text NOT NULL,
  summary_es    text NOT NULL,
  body_en       text NOT NULL,
  body_es       text NOT NULL,
  search_en     tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title_en), 'A') || setweight(to_tsvector('english', summary_en), 'B')
    || setweight(to_tsvector('english', body_en), 'C')) STORED,
  search_es     tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('spanish', title_es), 'A') || setweight(to_tsvector('spanish', summary_es), 'B')
    || setweight(to_tsvector('spanish', body_es), 'C')) STORED,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX training_item_search_en ON training_item USING gin (search_en);
CREATE INDEX training_item_search_es ON training_item USING gin (search_es);
CREATE INDEX training_item_title_trgm ON training_item USING gin ((title_en || ' ' || title_es) gin_trgm_ops);

-- Foster-care words a caregiver types, and what the library calls them (data, not code).
CREATE TABLE training_synonym (
  term       text PRIMARY KEY CHECK (term = lower(term)),
  expansion  text NOT NULL
);

-- Training hours a family owes, per state, versioned with effective dates and the source. hours NULL = not established.
CREATE TABLE training_hours_rule (
  id              serial PRIMARY KEY,
  state_code      text NOT NULL CHECK (state_code ~ '^[A-Z]{2}$'),
  kind            text NOT NULL CHECK (kind IN ('pre_approval', 'annual')),
  hours           numeric(5,2) CHECK (hours IS NULL OR hours > 0),
  effective_from  date NOT NULL,
  effective_to    date CHECK (effective_to IS NULL OR effective_to > effective_from),
  source_url      text CHECK (hours IS NULL OR source_url IS NOT NULL),
  note            text NOT NULL,
  note_es         text NOT NULL,
  UNIQUE (state_code, kind, effective_from)
);

CREATE TABLE training_completion (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id       uuid NOT NULL REFERENCES person(id),
  site_id         uuid NOT NULL REFERENCES site(id),
  item_id         uuid NOT NULL REFERENCES training_item(id),
  method          text NOT NULL CHECK (method IN ('attested', 'quiz', 'attendance')),
  hours           numeric(4,2) NOT NULL CHECK (hours > 0),
  completed_on    date NOT NULL,
  completed_year  integer NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (person_id, item_id, completed_year)
);
CREATE INDEX training_completion_person ON training_completion (person_id, completed_year);

-- What was searched and how many items answered: no person, no account.
CREATE TABLE training_search_log (
  id            bigserial PRIMARY KEY,
  site_id       uuid NOT NULL REFERENCES site(id),
  query         text NOT NULL CHECK (length(query) <= 200),
  result_count  integer NOT NULL,
  searched_at   timestamptz NOT NULL DEFAULT now()
);

INSERT INTO permission (code, description) VALUES
  ('training:read',     'Search and read the training library'),
  ('training:complete', 'Record one''s own completed training and see one''s hours'),
  ('training:coordinate', 'See the training search log of a site');

INSERT INTO role_permission (role_code, permission_code, scope) VALUES
  ('caregiver',       'training:read',       'own'),
  ('caregiver',       'training:complete',   'own'),
  ('caseworker',      'training:read',       'site'),
  ('supervisor',      'training:read',       'site'),
  ('rfa_worker',      'training:read',       'site'),
  ('qpi_coordinator', 'training:read',       'site'),
  ('qpi_coordinator', 'training:coordinate', 'site');

INSERT INTO training_hours_rule (state_code, kind, hours, effective_from, source_url, note, note_es) VALUES
  ('CA', 'pre_approval', 12, '2017-01-01',
   'https://kids-alliance.org/ufaqs/understand-training-requirements-potential-caregivers-changed-new-rfa-guidelines-whats-changed/',
   'Resource Family Approval: at least 12 hours of pre-approval training (counties may require more).',
   'Aprobación de Familias de Recursos: al menos 12 horas de capacitación antes de la aprobación (los condados pueden exigir más).'),
  ('CA', 'annual', 8, '2017-01-01',
   'https://fosterquest.helpjuice.com/102219-foster-parents/annual-training-requirements',
   'Resource Family Approval: at least 8 hours of training a year per resource parent, including the reasonable and prudent parent standard.',
   'Aprobación de Familias de Recursos: al menos 8 horas de capacitación al año por cada padre de recursos, incluido el estándar del padre razonable y prudente.'),
  ('FL', 'annual', NULL, '2017-01-01', NULL, 'Not established: no state rule recorded yet; a site setting until the source is found.',
   'No establecido: aún no hay una regla estatal registrada; una configuración del sitio hasta encontrar la fuente.'),
  ('MN', 'annual', NULL, '2017-01-01', NULL, 'Not established: no state rule recorded yet; a site setting until the source is found.',
   'No establecido: aún no hay una regla estatal registrada; una configuración del sitio hasta encontrar la fuente.');

INSERT INTO training_topic (code, name_en, name_es) VALUES
  ('attachment', 'Attachment and bonding', 'Apego y vínculo'),
  ('trauma', 'Trauma-informed parenting', 'Crianza informada sobre el trauma'),
  ('infants', 'Infants and toddlers', 'Bebés y niños pequeños'),
  ('adolescents', 'Adolescents', 'Adolescentes'),
  ('behaviour', 'Behaviour', 'Comportamiento'),
  ('education', 'School and education rights', 'Escuela y derechos educativos'),
  ('medication', 'Medical care and psychotropic medication', 'Atención médica y medicamentos psicotrópicos'),
  ('normalcy', 'Reasonable and prudent parenting (normalcy)', 'Crianza razonable y prudente (normalidad)'),
  ('birth_parents', 'Working with birth parents', 'Trabajar con los padres biológicos'),
  ('comfort_calls', 'Comfort calls and icebreakers', 'Llamadas de bienvenida y reuniones para romper el hielo'),
  ('transitions', 'Transitions and moves', 'Transiciones y cambios'),
  ('visitation', 'Family time (visitation)', 'Tiempo en familia (visitas)'),
  ('identity', 'Cultural and racial identity', 'Identidad cultural y racial'),
  ('lgbtq', 'LGBTQ+ youth', 'Jóvenes LGBTQ+'),
  ('self_care', 'Self-care and secondary trauma', 'Autocuidado y trauma secundario');

INSERT INTO training_synonym (term, expansion) VALUES
  ('rpps', 'reasonable prudent parent normalcy activities'),
  ('rpp', 'reasonable prudent parent normalcy activities'),
  ('normalcy', 'reasonable prudent parent activities'),
  ('cft', 'child family team meeting'),
  ('iep', 'individualized education program special education'),
  ('tpr', 'termination parental rights'),
  ('icwa', 'indian child welfare act tribe culture'),
  ('sleepover', 'sleepover activities normalcy'),
  ('pijamada', 'pijamada actividades normalidad'),
  ('meds', 'medication'),
  ('psychotropics', 'psychotropic medication'),
  ('ran', 'runs away missing'),
  ('runaway', 'runs away missing'),
  ('escapó', 'escapa desaparecido'),
  ('visits', 'family time visitation'),
  ('visitas', 'visitas tiempo en familia'),
  ('gay', 'lgbtq'),
  ('trans', 'lgbtq transgender'),
  ('burnout', 'self-care secondary trauma'),
  ('respite', 'self-care respite');

INSERT INTO training_item (code, format, topic_code, age_min, age_max, credit_hours, title_en, title_es, summary_en, summary_es, body_en, body_es) VALUES
  ('TS-INF-SLEEP', 'tip_sheet', 'infants', 0, 4, 0.5,
   'When a young child will not sleep', 'Cuando un niño pequeño no duerme', 'Why sleep falls apart after a move, and a calm bedtime routine for babies and toddlers.', 'Por qué el sueño se altera después de un cambio de hogar y una rutina tranquila para bebés y niños pequeños.',
   'A child who has just moved homes has lost every familiar smell, sound and face at once. Waking at night, crying at bedtime and refusing to sleep alone are common in the first weeks and are not a sign you are doing something wrong.
Keep the same order every night: bath, pyjamas, one book, a song, lights low. Predictability tells the body it is safe to rest.
Ask the birth parent or previous caregiver how the child fell asleep before: a song, a blanket, a light left on. Bring those back.
Stay close. A chair beside the crib or bed for a few weeks builds trust; you can move it further away little by little.
Write down when the child sleeps and wakes for a week and share it with the caseworker and the child''s doctor if the nights do not get easier.', 'Un niño que acaba de cambiar de hogar ha perdido de golpe todos los olores, sonidos y caras conocidos. Despertarse de noche, llorar a la hora de dormir y no querer dormir solo son comunes en las primeras semanas y no significan que usted lo esté haciendo mal.
Siga el mismo orden cada noche: baño, pijama, un cuento, una canción, luz baja. La rutina le dice al cuerpo que es seguro descansar.
Pregunte al padre o la madre biológicos, o al cuidador anterior, cómo se dormía el niño: una canción, una cobija, una luz encendida. Recupere esas costumbres.
Quédese cerca. Una silla junto a la cuna o la cama durante unas semanas crea confianza; puede alejarla poco a poco.
Anote durante una semana cuándo duerme y cuándo se despierta, y compártalo con el trabajador social y el médico del niño si las noches no mejoran.'),
  ('TS-INF-FEED', 'tip_sheet', 'infants', 0, 2, 0.5,
   'Feeding a baby who just arrived', 'Alimentar a un bebé recién llegado', 'Formula, bottles and the first feeds: what to ask and what to watch for.', 'Fórmula, biberones y las primeras tomas: qué preguntar y qué observar.',
   'Ask at placement which formula or milk the baby takes, how much and how often, and when the last feed was. Write it down.
Keep the same formula and bottle for now; a sudden change can upset a baby''s stomach. If the birth mother is breastfeeding, ask the caseworker how expressed milk can be kept for the baby.
Hold the baby close while feeding and look at them: feeding is also when attachment grows.
Call the baby''s doctor the same day if the baby refuses feeds, vomits often or has fewer wet diapers than usual.', 'Pregunte al momento de la colocación qué fórmula o leche toma el bebé, cuánto y cada cuánto, y cuándo fue la última toma. Anótelo.
Por ahora mantenga la misma fórmula y el mismo biberón; un cambio repentino puede molestar el estómago del bebé. Si la madre biológica amamanta, pregunte al trabajador social cómo conservar la leche extraída para el bebé.
Sostenga al bebé cerca mientras lo alimenta y mírelo: la alimentación también es un momento en que crece el apego.
Llame al médico del bebé el mismo día si rechaza las tomas, vomita a menudo o moja menos pañales de lo normal.'),
  ('TS-ADO-RUNAWAY', 'tip_sheet', 'adolescents', 11, 21, 0.5,
   'When a teen runs away: what to do now', 'Cuando un adolescente se escapa: qué hacer ahora', 'The first hours after a young person leaves without permission, and how to welcome them back.', 'Las primeras horas después de que un joven se va sin permiso, y cómo recibirlo de vuelta.',
   'Call the police and report the young person missing, then call the caseworker or the agency''s after-hours line. Do not wait to see if they come back: federal law requires the agency to report a missing child in care quickly.
Give the police a recent photo, what they were wearing, friends'' names and places they like to go.
Keep your phone on. Send a short message: ''We want you safe. You can come home.'' Avoid threats or lectures.
When they return, offer food, a shower and rest first. Talk later about what happened and what they were running to or from; the caseworker will also screen them for safety and exploitation.
Running away is often about missing family or friends. Ask the team whether more family time or contact with siblings would help.', 'Llame a la policía para reportar la desaparición del joven y luego al trabajador social o a la línea de emergencias de la agencia. No espere a ver si regresa: la ley federal exige que la agencia reporte pronto a un menor en cuidado que está desaparecido.
Dé a la policía una foto reciente, la ropa que llevaba, los nombres de sus amigos y los lugares a los que le gusta ir.
Mantenga el teléfono encendido. Envíe un mensaje breve: ''Queremos que estés a salvo. Puedes volver a casa.'' Evite amenazas o sermones.
Cuando regrese, ofrézcale primero comida, una ducha y descanso. Hablen después de lo que pasó y de qué buscaba o de qué huía; el trabajador social también verificará su seguridad y si hubo explotación.
Escaparse muchas veces tiene que ver con extrañar a la familia o a los amigos. Pregunte al equipo si más tiempo en familia o contacto con los hermanos ayudaría.'),
  ('TS-ADO-PHONES', 'tip_sheet', 'adolescents', 11, 21, 0.5,
   'Teens, phones and social media', 'Adolescentes, teléfonos y redes sociales', 'Setting phone rules with a teen in care without cutting them off from the people who matter.', 'Poner reglas sobre el teléfono con un adolescente en cuidado sin aislarlo de las personas que le importan.',
   'A phone is how teens keep friends and often family. Taking it away as a punishment can cut a young person off from the only people they trust.
Agree on rules together and write them down: where the phone sleeps at night, what apps are fine, what to do if a stranger asks for photos.
Ask the caseworker what contact with family is approved and support it.
Talk about online safety without shame: anyone who asks for secrets or pictures is a warning sign, and they can always tell you.', 'El teléfono es la forma en que los adolescentes mantienen a sus amigos y muchas veces a su familia. Quitárselo como castigo puede aislar al joven de las únicas personas en las que confía.
Acuerden las reglas juntos y escríbanlas: dónde se queda el teléfono por la noche, qué aplicaciones están bien, qué hacer si un desconocido le pide fotos.
Pregunte al trabajador social qué contacto con la familia está aprobado y apóyelo.
Hablen de la seguridad en línea sin avergonzar: quien pide secretos o fotos es una señal de alerta, y siempre se lo puede contar a usted.'),
  ('TS-RPP-SLEEPOVER', 'tip_sheet', 'normalcy', 5, 21, 0.5,
   'Can my foster child go to a sleepover?', '¿Puede mi hijo de crianza ir a una pijamada?', 'The reasonable and prudent parent standard: you can say yes to everyday activities.', 'El estándar del padre razonable y prudente: usted puede decir que sí a las actividades cotidianas.',
   'Yes, in most cases. Federal law (the Preventing Sex Trafficking and Strengthening Families Act of 2014) lets caregivers use the reasonable and prudent parent standard (RPPS) to decide on sleepovers, sports, school trips, jobs and other normal activities without asking the agency first.
Decide as a careful parent would: think about the child''s age, maturity and any safety concerns you know of, and about the family hosting.
Background checks on the host family are not required for an ordinary sleepover.
Check the child''s case plan or ask the caseworker if there is a court order about contact with certain people.
Write down the decision and why in the everyday decisions log. Saying yes to normal childhood is part of your role.', 'Sí, en la mayoría de los casos. La ley federal (Preventing Sex Trafficking and Strengthening Families Act de 2014) permite a los cuidadores usar el estándar del padre razonable y prudente (RPPS) para decidir sobre pijamadas, deportes, excursiones escolares, trabajos y otras actividades normales sin pedir permiso antes a la agencia.
Decida como lo haría un padre cuidadoso: piense en la edad, la madurez y cualquier riesgo que conozca, y en la familia que recibe al niño.
No se exige verificación de antecedentes de la familia anfitriona para una pijamada común.
Revise el plan del caso o pregunte al trabajador social si hay una orden del tribunal sobre el contacto con ciertas personas.
Anote la decisión y el motivo en el registro de decisiones cotidianas. Decir sí a una niñez normal es parte de su función.'),
  ('TS-RPP-ACTIVITIES', 'tip_sheet', 'normalcy', 5, 21, 0.5,
   'Sports, trips and part-time jobs', 'Deportes, viajes y trabajos de medio tiempo', 'Using RPPS for activities that build confidence, and who to tell.', 'Usar el RPPS para actividades que dan confianza, y a quién avisar.',
   'Teams, clubs, camps and part-time jobs help children in care feel like everyone else. Use the reasonable and prudent parent standard to decide.
Sign ordinary school permission slips yourself when the agency allows it; ask the caseworker once which forms you may sign.
For travel out of state or out of the country, ask the caseworker early: the court or agency may need to approve it.
Ask about funds for fees and equipment; many agencies have them.', 'Los equipos, clubes, campamentos y trabajos de medio tiempo ayudan a los niños en cuidado a sentirse como los demás. Use el estándar del padre razonable y prudente para decidir.
Firme usted mismo los permisos escolares comunes cuando la agencia lo permita; pregunte una vez al trabajador social qué formularios puede firmar.
Para viajes fuera del estado o del país, pregunte pronto al trabajador social: puede que el tribunal o la agencia deban aprobarlo.
Pregunte por fondos para cuotas y equipo; muchas agencias los tienen.'),
  ('TS-EDU-IEP', 'tip_sheet', 'education', 3, 21, 1,
   'Special education and the IEP meeting', 'Educación especial y la reunión del IEP', 'What an Individualized Education Program is and how to take part.', 'Qué es un Programa de Educación Individualizado y cómo participar.',
   'An IEP (Individualized Education Program) is the school''s written plan for a child with a disability who needs special education. It is reviewed at least once a year.
Find out who holds the child''s education rights: often the birth parent, sometimes a person the court names. You can attend and speak even when you do not hold them.
Bring what you see at home: homework struggles, sleep, behaviour after school.
Ask for a copy of the plan and keep it with the child''s health and education records.', 'Un IEP (Programa de Educación Individualizado) es el plan escrito de la escuela para un niño con una discapacidad que necesita educación especial. Se revisa al menos una vez al año.
Averigüe quién tiene los derechos educativos del niño: a menudo el padre o la madre biológicos, a veces una persona que nombra el tribunal. Usted puede asistir y hablar aunque no los tenga.
Lleve lo que observa en casa: dificultades con las tareas, el sueño, el comportamiento después de la escuela.
Pida una copia del plan y guárdela con los registros de salud y educación del niño.'),
  ('TS-EDU-SCHOOL-ORIGIN', 'tip_sheet', 'education', 5, 18, 0.5,
   'Staying in the same school after a move', 'Seguir en la misma escuela después de un cambio', 'The right to remain in the school of origin and to enrol at once.', 'El derecho a permanecer en la escuela de origen y a inscribirse de inmediato.',
   'Under the Every Student Succeeds Act, a child in foster care stays in their school of origin when that is in their best interest, even after moving homes, with transport arranged.
If a new school is best, the child must be enrolled right away, even without records.
Each district has a foster care liaison; ask for their name.
Tell the caseworker about tests, grades and friendships that matter to the child.', 'Según la ley Every Student Succeeds Act, un niño en cuidado de crianza permanece en su escuela de origen cuando es lo mejor para él, aunque cambie de hogar, con transporte organizado.
Si lo mejor es una escuela nueva, el niño debe ser inscrito de inmediato, aunque falten los registros.
Cada distrito tiene un enlace para jóvenes en cuidado de crianza; pida su nombre.
Cuente al trabajador social los exámenes, calificaciones y amistades que son importantes para el niño.'),
  ('TS-MED-PSYCHOTROPIC', 'tip_sheet', 'medication', 3, 21, 1,
   'Psychotropic medication: questions to ask', 'Medicamentos psicotrópicos: preguntas que hacer', 'What consent is needed and what to watch for when a child takes medication for mood or behaviour.', 'Qué consentimiento se necesita y qué observar cuando un niño toma medicamentos para el estado de ánimo o el comportamiento.',
   'Psychotropic medicines act on mood, attention or behaviour. For children in care, most states require court or agency consent before they start; ask the caseworker what applies.
Ask the prescriber: what is it for, what side effects to look for, how long until it helps, and what other help (therapy, routines) goes with it.
Give doses exactly as written and keep a log. Never stop a medicine suddenly without the doctor.
Watch for sleepiness, appetite or weight change, agitation or new thoughts of self-harm, and report them the same day.
The young person has a voice: older youth should be told what the medicine is and asked how it makes them feel.', 'Los medicamentos psicotrópicos actúan sobre el estado de ánimo, la atención o el comportamiento. Para niños en cuidado, la mayoría de los estados exigen el consentimiento del tribunal o de la agencia antes de empezar; pregunte al trabajador social qué aplica.
Pregunte a quien lo receta: para qué es, qué efectos secundarios observar, cuánto tarda en ayudar y qué otra ayuda (terapia, rutinas) lo acompaña.
Dé las dosis exactamente como están indicadas y lleve un registro. Nunca suspenda un medicamento de golpe sin el médico.
Observe somnolencia, cambios de apetito o de peso, agitación o pensamientos nuevos de hacerse daño, y repórtelos el mismo día.
El joven tiene voz: a los mayores se les debe explicar qué medicamento es y preguntar cómo se sienten con él.'),
  ('TS-TRAUMA-TRIGGERS', 'tip_sheet', 'trauma', 3, 21, 1,
   'Understanding triggers and big reactions', 'Entender los detonantes y las reacciones fuertes', 'Why a small thing can set off a big reaction, and how to help a child calm down.', 'Por qué algo pequeño puede provocar una reacción grande y cómo ayudar a un niño a calmarse.',
   'Children who lived through hurt or fear can react to a smell, a raised voice or a closed door as if the danger were back. Their body reacts before their thinking brain can.
In the moment, lower your voice, get down to their level and keep words few: ''You are safe. I am here.''
Wait until everyone is calm to talk about what happened; then look together for what set it off.
Notice patterns (times of day, visits, certain places) and share them with the child''s therapist and caseworker.', 'Los niños que vivieron daño o miedo pueden reaccionar a un olor, una voz alta o una puerta cerrada como si el peligro hubiera vuelto. Su cuerpo reacciona antes de que su mente pueda pensar.
En el momento, baje la voz, póngase a su altura y use pocas palabras: ''Estás a salvo. Aquí estoy.''
Espere a que todos estén tranquilos para hablar de lo que pasó; luego busquen juntos qué lo provocó.
Observe patrones (horas del día, visitas, ciertos lugares) y compártalos con el terapeuta y el trabajador social del niño.'),
  ('TS-BEH-TANTRUMS', 'tip_sheet', 'behaviour', 2, 8, 0.5,
   'Tantrums and meltdowns in young children', 'Berrinches y crisis en niños pequeños', 'Staying calm, naming feelings and setting limits that hold.', 'Mantener la calma, nombrar los sentimientos y poner límites que se cumplan.',
   'Tantrums are how young children show feelings they cannot yet name. For a child in care, the feelings are often grief and fear.
Stay close and calm; keep the child safe; do not argue during the storm.
Name the feeling afterwards: ''You were so angry when the visit ended.''
Keep limits the same every day and praise what goes well, often and specifically.', 'Los berrinches son la forma en que los niños pequeños muestran sentimientos que aún no saben nombrar. En un niño en cuidado, esos sentimientos suelen ser tristeza y miedo.
Quédese cerca y tranquilo; mantenga al niño seguro; no discuta durante la tormenta.
Nombre el sentimiento después: ''Estabas muy enojado cuando terminó la visita.''
Mantenga los mismos límites cada día y elogie lo que sale bien, a menudo y con detalle.'),
  ('TS-ATT-NEWCHILD', 'tip_sheet', 'attachment', 0, 12, 1,
   'Building trust with a child who just arrived', 'Crear confianza con un niño recién llegado', 'Small daily moments that help a child feel safe and connected.', 'Pequeños momentos diarios que ayudan a un niño a sentirse seguro y conectado.',
   'Trust grows from many small, predictable moments: meals at the same time, the same goodnight, keeping promises.
Let the child set the pace for hugs and closeness; offer, don''t insist.
Talk warmly about the child''s family; a child should never have to choose between you.
Play together every day, even ten minutes, following the child''s lead.', 'La confianza crece con muchos momentos pequeños y predecibles: comidas a la misma hora, las mismas buenas noches, cumplir lo prometido.
Deje que el niño marque el ritmo de los abrazos y la cercanía; ofrezca, no insista.
Hable con cariño de la familia del niño; un niño nunca debería tener que elegir entre ustedes.
Jueguen juntos cada día, aunque sean diez minutos, siguiendo la iniciativa del niño.'),
  ('TS-BP-COPARENT', 'tip_sheet', 'birth_parents', 0, 21, 1,
   'Partnering with birth parents', 'Colaborar con los padres biológicos', 'Why caregivers and birth parents working together helps children go home sooner.', 'Por qué el trabajo conjunto de cuidadores y padres ayuda a que los niños vuelvan antes a casa.',
   'Most children in care go home to their parents. When caregivers and parents work as a team, children feel less torn and reunification is more likely.
Share small news: a first tooth, a good test, a favourite food. Ask the parent''s advice about their child.
Keep your own contact details private if you wish; the platform''s messages let you share without giving a phone number.
Speak of the parent with respect in front of the child, always.', 'La mayoría de los niños en cuidado vuelven con sus padres. Cuando cuidadores y padres trabajan en equipo, los niños se sienten menos divididos y la reunificación es más probable.
Comparta noticias pequeñas: un primer diente, un buen examen, una comida favorita. Pida consejo al padre o la madre sobre su hijo.
Si lo desea, mantenga privados sus datos de contacto; los mensajes de la plataforma permiten compartir sin dar un número de teléfono.
Hable del padre o la madre con respeto delante del niño, siempre.'),
  ('TS-CC-COMFORT', 'tip_sheet', 'comfort_calls', 0, 21, 0.5,
   'The comfort call: the first conversation', 'La llamada de bienvenida: la primera conversación', 'A short call between caregiver and parent within days of placement, and what to say.', 'Una llamada breve entre el cuidador y el padre o la madre a los pocos días de la colocación, y qué decir.',
   'A comfort call is a short phone or video call between the caregiver and the birth parent soon after a child is placed, usually arranged by the caseworker.
Introduce yourself, say the child is safe, and share one detail: what they ate, how they slept.
Ask the parent: what comforts your child, favourite foods, bedtime habits, allergies.
Keep it short and kind; it opens the door for the icebreaker meeting and the months ahead.', 'La llamada de bienvenida es una llamada breve, por teléfono o video, entre el cuidador y el padre o la madre biológicos poco después de la colocación, normalmente organizada por el trabajador social.
Preséntese, diga que el niño está a salvo y comparta un detalle: qué comió, cómo durmió.
Pregunte al padre o la madre: qué consuela a su hijo, comidas favoritas, costumbres para dormir, alergias.
Que sea breve y amable; abre la puerta a la reunión para romper el hielo y a los meses que vienen.'),
  ('TS-TR-MOVE', 'tip_sheet', 'transitions', 0, 21, 0.5,
   'Helping a child through a move', 'Ayudar a un niño durante un cambio de hogar', 'Planning goodbyes and hellos so a move hurts less.', 'Planear despedidas y bienvenidas para que un cambio duela menos.',
   'Every move is a loss. Ask the caseworker for as much notice as possible and a transition plan.
Pack the child''s belongings in bags or boxes, never trash bags, and include photos and the life book.
Arrange goodbyes with friends, teachers and pets; let the child visit the new home first if possible.
Share routines, likes and fears with the next caregiver in writing.', 'Cada cambio es una pérdida. Pida al trabajador social todo el aviso posible y un plan de transición.
Empaque las pertenencias del niño en maletas o cajas, nunca en bolsas de basura, e incluya fotos y el libro de vida.
Organice despedidas con amigos, maestros y mascotas; si es posible, que el niño visite antes el nuevo hogar.
Comparta por escrito las rutinas, gustos y miedos con el siguiente cuidador.'),
  ('TS-VIS-AFTER', 'tip_sheet', 'visitation', 0, 21, 0.5,
   'Before and after family time', 'Antes y después del tiempo en familia', 'Helping a child with the feelings that come with visits.', 'Ayudar a un niño con los sentimientos que traen las visitas.',
   'Children often act out before or after family time. That is usually about love and loss, not a sign that visits are bad.
Prepare the child: say when, where and who, and what they might bring to show.
After, give quiet time, a snack and comfort. Let them talk or not.
Tell the caseworker what you see, without judging the parent.', 'Es común que los niños se porten mal antes o después del tiempo en familia. Casi siempre tiene que ver con el amor y la pérdida, no es señal de que las visitas sean malas.
Prepare al niño: dígale cuándo, dónde y con quién, y qué podría llevar para mostrar.
Después, dé tiempo tranquilo, un bocadillo y consuelo. Deje que hable o que no hable.
Cuente al trabajador social lo que observa, sin juzgar al padre o la madre.'),
  ('TS-ID-HAIR', 'tip_sheet', 'identity', 0, 21, 0.5,
   'Hair, skin and culture', 'Cabello, piel y cultura', 'Caring for a child''s hair and skin and honouring their heritage.', 'Cuidar el cabello y la piel del niño y honrar su herencia.',
   'Hair and skin care are part of identity. Learn the routine the child is used to; ask the family or the child.
Find a barber or stylist who knows the child''s hair type.
Keep the child''s language, food, faith and celebrations alive at home.
Talk openly about race and culture; children notice, and silence can feel like shame.', 'El cuidado del cabello y de la piel es parte de la identidad. Aprenda la rutina a la que el niño está acostumbrado; pregunte a la familia o al niño.
Busque un peluquero o estilista que conozca el tipo de cabello del niño.
Mantenga vivos en casa su idioma, comida, fe y celebraciones.
Hablen abiertamente de raza y cultura; los niños lo notan, y el silencio puede sentirse como vergüenza.'),
  ('TS-LGBTQ-SUPPORT', 'tip_sheet', 'lgbtq', 10, 21, 1,
   'Supporting LGBTQ+ youth in your home', 'Apoyar a jóvenes LGBTQ+ en su hogar', 'Acceptance protects: what caregivers can do every day.', 'La aceptación protege: lo que los cuidadores pueden hacer cada día.',
   'LGBTQ+ youth are over-represented in foster care, often because of rejection at home. Acceptance from a caregiver lowers their risk of depression and suicide.
Use the name and pronouns the young person asks for.
Stand up for them at school and with relatives.
Keep what they share private; coming out is their choice to make.', 'Los jóvenes LGBTQ+ están sobrerrepresentados en el cuidado de crianza, a menudo por el rechazo en su casa. La aceptación de un cuidador reduce su riesgo de depresión y suicidio.
Use el nombre y los pronombres que el joven pide.
Defiéndalo en la escuela y con los familiares.
Mantenga en privado lo que le cuenta; salir del clóset es una decisión suya.'),
  ('TS-SELF-CARE', 'tip_sheet', 'self_care', 0, 21, 0.5,
   'Caring for yourself as a caregiver', 'Cuidarse a sí mismo como cuidador', 'Secondary trauma is real; small habits and support help.', 'El trauma secundario es real; los hábitos pequeños y el apoyo ayudan.',
   'Hearing a child''s story of hurt, day after day, can leave you tired, irritable or numb. This is secondary trauma and it is common.
Protect sleep, meals and a few minutes a day that are yours.
Join a caregiver support group; others understand.
Ask your agency about respite care before you are exhausted.', 'Escuchar día tras día la historia de dolor de un niño puede dejarlo cansado, irritable o insensible. Esto es trauma secundario y es común.
Proteja el sueño, las comidas y unos minutos al día que sean solo suyos.
Únase a un grupo de apoyo para cuidadores; otros le entienden.
Pregunte a su agencia por el cuidado de relevo (respiro) antes de quedar agotado.');
