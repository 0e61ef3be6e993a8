-- Lab Hub schema, version 4: where computational jobs run (execution profiles: the hub's own machine, or a SLURM
-- cluster reached over SSH) and the jobs themselves, each change of their state an event.

CREATE TABLE execution_profiles (
    id                 text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    kind               text NOT NULL CHECK (kind IN ('LOCAL', 'SLURM')),
    description        text,
    -- SLURM: the cluster's login node, the hub's key and the known-hosts file holding the node's host key
    ssh_host           text,
    ssh_port           integer CHECK (ssh_port BETWEEN 1 AND 65535),
    ssh_user           text,
    private_key_file   text,
    passphrase_env     text,
    known_hosts_file   text,
    -- where per-job directories are made (a path on the cluster, or on the hub's machine for LOCAL)
    scratch_root       text NOT NULL,
    default_partition  text,
    account            text,
    qos                text,
    -- environment modules loaded before the code runs, e.g. ["quantum-espresso/7.2"]
    modules            jsonb NOT NULL DEFAULT '[]'::jsonb,
    -- how a parallel program is started: ["srun"] (the default on a cluster), ["srun", "--mpi=pmix"], or [] to run
    -- it directly (LOCAL, or a code built without the cluster's PMI)
    launcher           jsonb NOT NULL DEFAULT '["srun"]'::jsonb,
    created_at         timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT execution_profiles_slurm_reachable CHECK (kind = 'LOCAL' OR (ssh_host IS NOT NULL
        AND ssh_user IS NOT NULL AND private_key_file IS NOT NULL AND known_hosts_file IS NOT NULL))
);

CREATE TABLE jobs (
    id                 uuid PRIMARY KEY,
    profile_id         text NOT NULL REFERENCES execution_profiles (id),
    template           text NOT NULL,
    name               text NOT NULL,
    parameters         jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- nodes, cores per node, memory, walltime, GPUs, partition, account, QOS as requested
    resources          jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- written into the job (its comment and name) so that a submission whose reply was lost is found, not repeated
    token              text NOT NULL UNIQUE,
    -- SUBMITTING while the hub stages and submits; then SLURM's own states
    state              text NOT NULL,
    scheduler_job_id   text,
    scratch_dir        text,
    exit_code          text,
    error              text,
    -- what a person should change when SLURM refused or the job failed
    explanation        text,
    stdout_tail        text,
    stderr_tail        text,
    results            jsonb,
    -- what the job was made from, when a measurement, an analysis or a run triggered it
    measurement_id     bigint REFERENCES measurements (id),
    analysis_id        bigint REFERENCES analyses (id),
    experiment_run_id  uuid REFERENCES experiment_runs (id),
    submitted_at       timestamptz NOT NULL,
    started_at         timestamptz,
    ended_at           timestamptz,
    last_checked_at    timestamptz
);

CREATE INDEX jobs_active ON jobs (profile_id) WHERE ended_at IS NULL;
CREATE INDEX jobs_submitted ON jobs (submitted_at DESC);
CREATE UNIQUE INDEX jobs_scheduler_id ON jobs (profile_id, scheduler_job_id) WHERE scheduler_job_id IS NOT NULL;
-- one job per analysis and template: a trigger that fires twice does not compute twice
CREATE UNIQUE INDEX jobs_of_analysis ON jobs (analysis_id, template) WHERE analysis_id IS NOT NULL;

CREATE TABLE job_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id  uuid NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    at      timestamptz NOT NULL,
    state   text NOT NULL,
    detail  text
);

CREATE INDEX job_events_job ON job_events (job_id, id);
