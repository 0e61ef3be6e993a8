-- Lab Hub schema, version 1: instruments, the raw messages they sent, the measurements normalized from
-- them, and the dead letters of what could not be accepted. Times are timestamptz (stored as UTC).

CREATE TABLE instruments (
    id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$'),
    name              text NOT NULL,
    adapter_type      text NOT NULL CHECK (adapter_type IN ('OPCUA', 'MQTT', 'REST', 'SSH', 'SIMULATED')),
    connection_info   jsonb NOT NULL DEFAULT '{}'::jsonb,
    capabilities      jsonb NOT NULL DEFAULT '[]'::jsonb,
    status            text NOT NULL DEFAULT 'OFFLINE'
                      CHECK (status IN ('AVAILABLE', 'BUSY', 'OFFLINE', 'ERROR')),
    last_connected_at timestamptz,
    metadata          jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at        timestamptz NOT NULL DEFAULT now()
);

-- One row per message received, keyed by (source, message_id): the raw payload is kept exactly once,
-- however many measurements the message held and however often the broker redelivered it.
CREATE TABLE raw_messages (
    source      text NOT NULL,
    message_id  text NOT NULL,
    received_at timestamptz NOT NULL,
    payload     bytea NOT NULL,
    PRIMARY KEY (source, message_id)
);

CREATE TABLE measurements (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source            text NOT NULL,
    message_id        text NOT NULL,
    record_index      integer NOT NULL,
    instrument_id     text NOT NULL REFERENCES instruments (id),
    experiment_run_id uuid,
    quantity          text NOT NULL,
    ts                timestamptz NOT NULL,
    value             double precision,
    unit              text,
    original_value    double precision,
    original_unit     text,
    -- {"x": {"unit": "rad", "originalUnit": "deg", "values": [...]}, "y": {...}} for series, NULL for scalars
    series            jsonb,
    quality           text NOT NULL CHECK (quality IN ('GOOD', 'UNCERTAIN', 'BAD')),
    source_address    text,
    received_at       timestamptz NOT NULL,
    CONSTRAINT measurements_idempotency UNIQUE (source, message_id, record_index),
    CONSTRAINT measurements_scalar_or_series CHECK ((value IS NULL) <> (series IS NULL)),
    FOREIGN KEY (source, message_id) REFERENCES raw_messages (source, message_id)
);

CREATE INDEX measurements_instrument_quantity_ts ON measurements (instrument_id, quantity, ts DESC);
CREATE INDEX measurements_run ON measurements (experiment_run_id) WHERE experiment_run_id IS NOT NULL;

CREATE TABLE dead_letters (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source         text NOT NULL,
    message_id     text NOT NULL,
    source_address text,
    reason         text NOT NULL,
    received_at    timestamptz NOT NULL,
    payload        bytea NOT NULL,
    CONSTRAINT dead_letters_idempotency UNIQUE (source, message_id)
);

CREATE INDEX dead_letters_received ON dead_letters (received_at DESC);
