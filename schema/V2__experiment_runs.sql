-- Lab Hub schema, version 2: experiment runs carried out on instruments, every change of their state as an event,
-- and the measurements taken during a run linked to it.

CREATE TABLE experiment_runs (
    id                uuid PRIMARY KEY,
    instrument_id     text NOT NULL REFERENCES instruments (id),
    experiment_type   text NOT NULL
                      CHECK (experiment_type IN ('SYNTHESIS', 'MEASUREMENT', 'CHARACTERIZATION', 'TESTING')),
    name              text NOT NULL,
    status            text NOT NULL DEFAULT 'PENDING'
                      CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    parameters        jsonb NOT NULL DEFAULT '{}'::jsonb,
    results           jsonb,
    -- the instrument's own id for the run (OPC UA RunId, the REST resource id, ...)
    external_id       text,
    error_message     text,
    -- the material (formula or sample id) and the structure the run is about, when given
    material          text,
    structure         text,
    -- a running run whose instrument is not heard from for this long is FAILED
    silence_timeout_s integer NOT NULL CHECK (silence_timeout_s > 0),
    progress          double precision CHECK (progress BETWEEN 0 AND 1),
    submitted_by      text,
    submitted_at      timestamptz NOT NULL,
    started_at        timestamptz,
    completed_at      timestamptz,
    last_heard_at     timestamptz,
    duration_s        double precision GENERATED ALWAYS AS (EXTRACT(EPOCH FROM (completed_at - started_at))) STORED,
    CONSTRAINT experiment_runs_completed_after_start CHECK (completed_at IS NULL OR started_at IS NULL
                                                            OR completed_at >= started_at)
);

-- one run at a time per instrument: a second submission waits its turn by being refused, not by queueing silently
CREATE UNIQUE INDEX experiment_runs_one_active ON experiment_runs (instrument_id)
    WHERE status IN ('PENDING', 'RUNNING');
CREATE INDEX experiment_runs_instrument_started ON experiment_runs (instrument_id, started_at DESC);
CREATE INDEX experiment_runs_submitted ON experiment_runs (submitted_at DESC);

CREATE TABLE experiment_events (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id  uuid NOT NULL REFERENCES experiment_runs (id) ON DELETE CASCADE,
    at      timestamptz NOT NULL,
    status  text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    detail  text
);

CREATE INDEX experiment_events_run ON experiment_events (run_id, id);

ALTER TABLE measurements
    ADD CONSTRAINT measurements_experiment_run FOREIGN KEY (experiment_run_id) REFERENCES experiment_runs (id);
