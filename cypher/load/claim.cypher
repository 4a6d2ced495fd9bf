// Claim the database for one load: run in a transaction that stays open for the whole load and is never committed.
// A second load's claim waits on the uniqueness constraint of KGMeta.key until the first transaction ends (at the
// end of the load, or when the server drops the connection of a load that died).
// Parameters: none
MERGE (:KGMeta {key: 'load-claim'})
