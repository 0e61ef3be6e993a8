-- Lab Hub schema, version 3: analysis results, each linked to what it was computed from — one measurement (an XRD
-- pattern, a UV-Vis spectrum, a film thickness profile) or a whole experiment run (a cycling test, an R(T) sweep) —
-- with the method and its parameters, so that every number can be traced and reproduced.

CREATE TABLE analyses (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    measurement_id    bigint REFERENCES measurements (id),
    experiment_run_id uuid REFERENCES experiment_runs (id),
    instrument_id     text NOT NULL REFERENCES instruments (id),
    -- what was analysed and how: e.g. xrd.pattern, uvvis.tauc, battery.cycling, pcm.crystallization, synthesis.film
    kind              text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$'),
    method            text NOT NULL,
    parameters        jsonb NOT NULL DEFAULT '{}'::jsonb,
    -- OK: result holds the analysis; REFUSED: the data did not allow it, error says why (never a made-up number)
    status            text NOT NULL CHECK (status IN ('OK', 'REFUSED')),
    result            jsonb,
    error             text,
    -- the headline figure for queries and dashboards (lattice constant, band gap, Tc, capacity retention, ...)
    headline          text,
    value             double precision,
    uncertainty       double precision,
    unit              text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analyses_source CHECK (measurement_id IS NOT NULL OR experiment_run_id IS NOT NULL),
    CONSTRAINT analyses_outcome CHECK ((status = 'OK') = (result IS NOT NULL) AND (status = 'REFUSED') = (error IS NOT NULL))
);

CREATE UNIQUE INDEX analyses_of_measurement ON analyses (measurement_id, kind) WHERE measurement_id IS NOT NULL;
CREATE UNIQUE INDEX analyses_of_run ON analyses (experiment_run_id, kind) WHERE measurement_id IS NULL;
CREATE INDEX analyses_run ON analyses (experiment_run_id) WHERE experiment_run_id IS NOT NULL;
CREATE INDEX analyses_instrument ON analyses (instrument_id, kind, created_at DESC);
-- the analysis worker finds what is still to be analysed by quantity
CREATE INDEX measurements_quantity_id ON measurements (quantity, id);
