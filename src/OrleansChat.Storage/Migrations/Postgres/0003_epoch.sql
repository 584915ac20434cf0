-- The message log's epoch: seqs are numbered from MAX(seq), so a restored backup would hand out again seqs that
-- clients already hold. A seq means something only together with the epoch it was handed out in. The one row
-- is written by the first silo that needs it (its start time in Unix milliseconds); a restore deletes it, with
-- the silos stopped, so that the next start begins a new epoch (docs/operations.md). Backups leave it out.
CREATE TABLE chat_epoch (
    id    INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    epoch BIGINT  NOT NULL
);
