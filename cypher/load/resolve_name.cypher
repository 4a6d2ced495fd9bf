// The nodes of one label that the text a user typed names, ignoring case: by id, name, synonym or brand.
// Parameters: $lower
MATCH (n:__LABEL__)
WHERE toLower(n.id) = $lower OR toLower(n.name) = $lower
   OR any(s IN coalesce(n.synonyms, []) + coalesce(n.brands, []) WHERE toLower(s) = $lower)
RETURN DISTINCT n.id AS id
