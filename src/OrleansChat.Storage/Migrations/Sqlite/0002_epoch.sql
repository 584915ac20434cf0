-- The message log's epoch: seqs are numbered from MAX(seq), so a restored backup would hand out again seqs that
-- clients already hold. A seq means something only together with the epoch it was handed out in. The one row
-- is written by the first use of the log (its time in Unix milliseconds); a restore deletes it, with the silo
-- stopped, so that the next start begins a new epoch (docs/operations.md).
CREATE TABLE chat_epoch (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    epoch INTEGER NOT NULL
);
