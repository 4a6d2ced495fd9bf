// The node of one label whose id is exactly the text a user typed (an index seek).
// Parameters: $text
MATCH (n:__LABEL__ {id: $text})
RETURN n.id AS id
