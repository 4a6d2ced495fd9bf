// Delete every node of one label and its relationships, in transactions of 10 000 (undoes a first load that failed).
// Parameters: none
MATCH (n:__LABEL__)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
