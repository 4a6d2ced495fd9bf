// Ids, names, synonyms and brands of one label, to resolve what a user typed to an id.
// Parameters: none
MATCH (n:__LABEL__)
RETURN n.id AS id, n.name AS name, n.synonyms AS synonyms, n.brands AS brands
