-- What Orleans' ADO.NET providers (clustering, grain persistence; invariant "Npgsql") expect: their tables,
-- and in orleansquery the statement each provider runs for each query key. Written for this project from the
-- providers' documented contract (key names, parameter names, result columns): the providers read result
-- columns by name (case-insensitively) and bind parameters by name.

-- Membership: one version row per cluster (deploymentid = ClusterOptions.ClusterId) guards every change
-- optimistically; each silo incarnation (address, port, generation) has a row.
CREATE TABLE orleansmembershipversiontable (
    deploymentid VARCHAR(150) NOT NULL PRIMARY KEY,
    timestamp    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version      INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE orleansmembershiptable (
    deploymentid VARCHAR(150) NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      VARCHAR(45)  NOT NULL,
    port         INTEGER      NOT NULL,
    generation   INTEGER      NOT NULL,
    siloname     TEXT         NOT NULL,
    hostname     TEXT         NOT NULL,
    status       INTEGER      NOT NULL,
    proxyport    INTEGER      NOT NULL,
    suspecttimes TEXT         NULL,
    starttime    TIMESTAMPTZ  NOT NULL,
    iamalivetime TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Grain state: one row per grain and state name. The hashes narrow the search; the full key decides.
CREATE TABLE orleansstorage (
    grainidhash            INTEGER      NOT NULL,
    grainidn0              BIGINT       NOT NULL,
    grainidn1              BIGINT       NOT NULL,
    graintypehash          INTEGER      NOT NULL,
    graintypestring        TEXT         NOT NULL,
    grainidextensionstring TEXT         NULL,
    serviceid              VARCHAR(150) NOT NULL,
    payloadbinary          BYTEA        NULL,
    modifiedon             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version                INTEGER      NULL
);

CREATE UNIQUE INDEX orleansstorage_grain ON orleansstorage
    (serviceid, grainidhash, graintypehash, grainidn0, grainidn1, graintypestring, COALESCE(grainidextensionstring, ''));

CREATE TABLE orleansquery (
    querykey  VARCHAR(64) NOT NULL PRIMARY KEY,
    querytext TEXT        NOT NULL
);

INSERT INTO orleansquery (querykey, querytext) VALUES

-- Creates the cluster's version row once; answers 1 when it did.
('InsertMembershipVersionKey', $q$
WITH created AS (
    INSERT INTO orleansmembershipversiontable (deploymentid) VALUES (@DeploymentId)
    ON CONFLICT (deploymentid) DO NOTHING
    RETURNING 1)
SELECT count(*) FROM created
$q$),

-- The version row with every member (a row with NULL member columns when there is none).
('MembershipReadAllKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
WHERE v.deploymentid = @DeploymentId
$q$),

-- The version row with one member.
('MembershipReadRowKey', $q$
SELECT v.version, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
       m.suspecttimes, m.starttime, m.iamalivetime
FROM orleansmembershipversiontable v
LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deploymentid = @DeploymentId
$q$),

-- Adds a member if the table is still at @Version and the member is new, bumping the version; 1 on success.
('InsertMembershipKey', $q$
WITH bumped AS (
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                      WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
added AS (
    INSERT INTO orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    ON CONFLICT DO NOTHING
    RETURNING 1)
SELECT count(*) FROM added
$q$),

-- Changes a member's status and suspicions if the table is still at @Version, bumping the version; 1 on success.
('UpdateMembershipKey', $q$
WITH bumped AS (
    UPDATE orleansmembershipversiontable SET version = version + 1, timestamp = now()
    WHERE deploymentid = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM orleansmembershiptable
                  WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation)
    RETURNING deploymentid),
changed AS (
    UPDATE orleansmembershiptable m
    SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
    FROM bumped
    WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING 1)
SELECT count(*) FROM changed
$q$),

-- A silo's heartbeat: not a membership change, so the version stays.
('UpdateIAmAlivetimeKey', $q$
UPDATE orleansmembershiptable SET iamalivetime = @IAmAliveTime
WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
$q$),

-- Where clients may connect: active silos with a gateway.
('GatewaysQueryKey', $q$
SELECT address, proxyport, generation FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0
$q$),

('DeleteMembershipTableEntriesKey', $q$
DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId
$q$),

-- Forgets dead silos (status 6) not heard of since the cut-off.
('CleanupDefunctSiloEntriesKey', $q$
DELETE FROM orleansmembershiptable
WHERE deploymentid = @DeploymentId AND status = 6 AND iamalivetime < @IAmAliveTime
$q$),

('ReadFromStorageKey', $q$
SELECT payloadbinary, version FROM orleansstorage
WHERE serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),

-- Inserts (no version yet) or updates from the expected version; the new version, or NULL on a conflict.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleansstorage SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version),
inserted AS (
    INSERT INTO orleansstorage (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring,
                                grainidextensionstring, serviceid, payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT (SELECT version FROM updated UNION ALL SELECT version FROM inserted LIMIT 1) AS newgrainstateversion
$q$),

-- Empties the state but keeps the row and its version line; the new version, or no row on a conflict.
('ClearStorageKey', $q$
UPDATE orleansstorage SET payloadbinary = NULL, modifiedon = now(), version = version + 1
WHERE version = @GrainStateVersion
  AND serviceid = @ServiceId AND grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash
  AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
  AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version
$q$);
