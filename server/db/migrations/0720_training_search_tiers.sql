-- Training search at library scale (issue 16): a narrow "head" full-text vector per language (title and summary
-- only, generated, so every insert with an explicit column list keeps working) with its own GIN index. The search
-- gathers a bounded candidate set tier by tier (head with two or more of the question's words, head with one, the
-- whole text, then trigram similarity of the titles when full-text finds few) and ranks only those candidates.
ALTER TABLE training_item
  ADD COLUMN head_en tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title_en), 'A') || setweight(to_tsvector('english', summary_en), 'B')) STORED,
  ADD COLUMN head_es tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('spanish', title_es), 'A') || setweight(to_tsvector('spanish', summary_es), 'B')) STORED;
CREATE INDEX training_item_head_en ON training_item USING gin (head_en);
CREATE INDEX training_item_head_es ON training_item USING gin (head_es);
