-- The demo states' rule sets, each rule with its source (shared/research/qpi.md §0).
-- A coordinator edits them in the app (rules:manage); these are the starting rows.
INSERT INTO practice_rule (state_code, practice, trigger, applies_to, due_amount, due_unit, due_direction, repeat_days, exclusions, effective_from, effective_to, source_url, source_note) VALUES
-- California
('CA', 'planned_move_notice', 'planned_move', 'all', 7, 'days', 'before', NULL, '{}', '2000-01-01', '2018-12-31',
 'https://cdss.ca.gov/inforesources/Caregiver-Advocacy-Network/Removal-Transition', '7 days'' written notice before a planned placement change (MPP 31-440), until AB 2247.'),
('CA', 'planned_move_notice', 'planned_move', 'all', 14, 'days', 'before', NULL, '{}', '2019-01-01', NULL,
 'https://www.advokids.org/legal-tools/information-for-caregivers/14-days-notice-of-placement-change/', '14 calendar days'' written notice before a planned placement change (WIC 16010.7, AB 2247, since 1 January 2019).'),
('CA', 'health_education_summary', 'initial_placement', 'all', 30, 'days', 'after', NULL, '{}', '2000-01-01', NULL,
 'https://policy.dcfs.lacounty.gov/Policy?id=5828', 'Health and Education Passport to the caregiver no later than 30 days after the initial placement (WIC 16010).'),
('CA', 'health_education_summary', 'later_placement', 'all', 48, 'hours', 'after', NULL, '{}', '2000-01-01', NULL,
 'http://www.slofostercare.com/qpi/qpi-topic-of-the-month-information-sharing-and-confidentiality-2/', 'Health and Education Passport within 48 hours of each subsequent placement (WIC 16010).'),
('CA', 'medication_handover', 'any_placement', 'all', 48, 'hours', 'after', NULL, '{}', '2000-01-01', NULL,
 'http://www.slofostercare.com/qpi/qpi-topic-of-the-month-information-sharing-and-confidentiality-2/', 'Medications in the agency''s possession and treatment information to the caregiver at placement, within 48 hours.'),
('CA', 'cft_meeting', 'initial_placement', 'non_icwa', 60, 'days', 'after', NULL, '{}', '2017-01-01', NULL,
 'https://advokids.org/child-and-family-team/', 'Child and Family Team meeting within 60 days of entry.'),
('CA', 'cft_meeting', 'initial_placement', 'icwa', 30, 'days', 'after', NULL, '{}', '2017-01-01', NULL,
 'https://advokids.org/child-and-family-team/', 'Child and Family Team meeting within 30 days of entry in ICWA cases.'),
('CA', 'sibling_visit', 'siblings_separated', 'all', 30, 'days', 'after', 30, '{contrary_to_safety}', '2000-01-01', NULL,
 'http://nccwe.org/toolkits/siblings/component-6.html', 'Siblings not placed together visit at least monthly (Children''s Bureau guidance; WIC 16002).'),
('CA', 'hearing_caregiver_notice', 'hearing', 'all', 15, 'days', 'before', NULL, '{}', '2021-10-26', NULL,
 'https://adevine.io/advokids-backup/legal-tools/information-for-caregivers/information-for-caregivers-jv-290', 'Hearing notice with JV-290 and JV-290-INFO to the caregiver (ACIN I-87-21a); 15 days is this site''s setting.'),
('CA', 'caregiver_court_report', 'hearing', 'all', 10, 'days', 'before', NULL, '{}', '2021-10-26', NULL,
 'https://cdss.ca.gov/inforesources/caregiver-advocacy-network/rights-inform-agency-and-court', 'Caregiver Information Form (JV-290) received and forwarded before the hearing; 10 days is this site''s setting.'),
-- California has no statewide comfort-call or icebreaker deadline in the research; these two are the
-- demo county's own QPI settings, modelled on Minnesota's 72 hours and Santa Clara County's icebreaker policy.
('CA', 'comfort_call', 'any_placement', 'all', 72, 'hours', 'after', NULL, '{contrary_to_safety}', '2013-07-01', NULL,
 'https://findbrightspots.org/bright-spots-library/birth-foster-family-connections/', 'Comfort call between caregiver and parent after every placement or move; 72 hours is this site''s setting.'),
('CA', 'icebreaker', 'any_placement', 'all', 14, 'days', 'after', NULL, '{expedited_tpr,parent_incarcerated,group_care}', '2013-07-01', NULL,
 'http://www.sccgov.org/ssa/opp2/06_outofhome/6-5.html', 'Icebreaker meeting after placement (Santa Clara DFCS OPP 6-5 model); 14 days and the exclusions are this site''s setting.'),
-- Florida
('FL', 'icebreaker', 'any_placement', 'all', 14, 'days', 'after', NULL, '{expedited_tpr,parent_incarcerated,placed_with_relatives,group_care}', '2011-10-01', NULL,
 'https://docest.com/doc/624513/traditional-non-ecc-icebreaker', 'Icebreaker no later than 14 days from placement; not for expedited TPR, incarcerated parent, relative placement or group care.'),
('FL', 'planned_move_notice', 'planned_move', 'all', 14, 'days', 'before', NULL, '{}', '2000-01-01', NULL,
 'http://flrules.elaws.us/fac/65c-28.005', 'At least 2 weeks'' notice with the reason to parents, licensed caregivers and GAL/AAL (r. 65C-28.005).'),
('FL', 'emergency_move_notice', 'emergency_move', 'all', 72, 'hours', 'after', NULL, '{}', '2000-01-01', NULL,
 'http://flrules.elaws.us/fac/65c-28.005', 'Emergency move: notify parents, CLS, GAL and attorney within 72 hours (r. 65C-28.005).'),
('FL', 'sibling_visit', 'siblings_separated', 'all', 30, 'days', 'after', 30, '{contrary_to_safety}', '2000-01-01', NULL,
 'http://nccwe.org/toolkits/siblings/component-6.html', 'Siblings not placed together visit at least monthly (Children''s Bureau guidance).'),
('FL', 'hearing_caregiver_notice', 'hearing', 'all', 14, 'days', 'before', NULL, '{}', '2018-01-01', NULL,
 'https://policy.fosteringchamps.org/?state=florida', 'Caregivers are included in court hearings with timely notice (Partnership Plan, s. 409.1415); 14 days is this site''s setting.'),
-- Minnesota
('MN', 'comfort_call', 'any_placement', 'all', 72, 'hours', 'after', NULL, '{contrary_to_safety}', '2020-01-01', NULL,
 'https://co.washington.mn.us/2552/Initial-Training', 'Initial (comfort) call within 72 hours of every placement or placement move (Minnesota law since 2020).'),
('MN', 'sibling_visit', 'siblings_separated', 'all', 30, 'days', 'after', 30, '{contrary_to_safety}', '2000-01-01', NULL,
 'http://nccwe.org/toolkits/siblings/component-6.html', 'Siblings not placed together visit at least monthly (Children''s Bureau guidance).'),
('MN', 'health_education_summary', 'any_placement', 'all', 30, 'days', 'after', NULL, '{}', '2000-01-01', NULL,
 'http://print.casetext.com/statute/minnesota-statutes/public-welfare-and-related-activities/chapter-260c-juvenile-safety-and-placement/disposition/section-260c212-effective-312025-children-in-placement', 'Out-of-home placement plan, prepared with the foster parent, within 30 days of placement (Minn. Stat. 260C.212).');
