"""The store's schema as named, ordered migrations (in the way of sqlite-utils).

Each migration runs once, in order, and is recorded in ``schema_migrations``. Never edit a
migration that has shipped: add a new one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0001_initial",
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            content_hash TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            source TEXT,
            title TEXT,
            url TEXT,
            outlet TEXT,
            published DATE,
            text TEXT NOT NULL,            -- the repaired text: every offset refers to it
            original_text TEXT,            -- the text as read
            n_sentences INTEGER,
            n_events INTEGER,
            stats JSON,
            record JSON,                   -- the whole article record but its texts
            ingested_at TIMESTAMP DEFAULT current_timestamp
        );
        CREATE INDEX articles_hash ON articles(content_hash);
        CREATE TABLE sentences (
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            role TEXT,
            framing JSON
        );
        CREATE TABLE mentions (
            article_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            sentence INTEGER,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text TEXT NOT NULL,
            label TEXT,
            country TEXT,
            sector TEXT,
            name TEXT,
            kind TEXT,
            source TEXT,
            antecedent INTEGER
        );
        CREATE TABLE events (
            article_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            idx INTEGER NOT NULL,
            type TEXT NOT NULL,
            mode TEXT,
            actor TEXT,                    -- compact codes, e.g. POLGOV+LVAGOV
            recipient TEXT,
            actor_countries TEXT[],
            recipient_countries TEXT[],
            status TEXT,
            attributed_to TEXT,
            modality TEXT,
            date_start DATE,
            date_end DATE,
            historical BOOLEAN,
            place TEXT,
            lat DOUBLE,
            lon DOUBLE,
            place_countries TEXT[],
            cameo TEXT,
            quad_class INTEGER,
            goldstein DOUBLE,
            plover_score DOUBLE,
            weight DOUBLE,
            published DATE,
            outlet TEXT,
            sentence INTEGER,
            trigger_start INTEGER,
            trigger_end INTEGER,
            trigger TEXT,
            evidence TEXT,
            record JSON                    -- the full event record with every provenance span
        );
        CREATE INDEX events_article ON events(article_id);
        CREATE INDEX events_type ON events(type);
        """,
    ),
]

MIGRATIONS.append((
    "0002_escalation",
    """
    CREATE TABLE merged_events (
        id TEXT PRIMARY KEY,           -- hash of the earliest report: stable across re-ingests
        type TEXT NOT NULL,
        mode TEXT,
        actor TEXT,
        recipient TEXT,
        actor_countries TEXT[],
        recipient_countries TEXT[],
        status TEXT,
        modality TEXT,
        date_start DATE,
        date_end DATE,
        day DATE,                      -- the day the event is counted on in series
        historical BOOLEAN,
        place TEXT,
        place_kind TEXT,
        lat DOUBLE,
        lon DOUBLE,
        place_countries TEXT[],
        cameo TEXT,
        quad_class INTEGER,
        goldstein DOUBLE,
        plover_score DOUBLE,
        weight DOUBLE,
        rung INTEGER,
        rung_label TEXT,
        first_published DATE,
        last_published DATE,
        n_reports INTEGER,
        n_outlets INTEGER,             -- corroboration: distinct outlets
        outlets TEXT[],
        evidence TEXT,
        disagreements JSON,
        reports JSON                   -- the reports side by side (also in merged_reports)
    );
    CREATE INDEX merged_events_day ON merged_events(day);
    CREATE TABLE merged_reports (
        merged_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        outlet TEXT,
        published DATE,
        status TEXT,
        modality TEXT,
        date_start DATE,
        date_end DATE,
        place TEXT,
        quantities JSON,
        evidence TEXT
    );
    CREATE INDEX merged_reports_merged ON merged_reports(merged_id);
    CREATE TABLE flashpoints (
        name TEXT PRIMARY KEY,
        source TEXT NOT NULL,          -- discovered or config
        lat DOUBLE NOT NULL,
        lon DOUBLE NOT NULL,
        radius_km DOUBLE NOT NULL,
        actors TEXT[],                 -- an event belongs when it involves one of these (empty: any)
        dyads JSON,
        n_events INTEGER,
        n_articles INTEGER,
        first_day DATE,
        last_day DATE
    );
    CREATE TABLE escalation_state (
        key TEXT PRIMARY KEY,
        value TEXT
    );
    """,
))

MIGRATIONS.append((
    "0003_incremental_merge",
    """
    CREATE TABLE merged_articles (     -- the articles (and versions) whose reports are merged
        article_id TEXT PRIMARY KEY,
        content_hash TEXT,
        pipeline_version TEXT
    );
    CREATE TABLE merged_blocks (       -- how a new report finds the merged events it may join
        merged_id TEXT NOT NULL,
        type TEXT NOT NULL,            -- a type of the event
        actor TEXT NOT NULL,           -- an actor country (or code, or ?) it is found by
        week INTEGER,                  -- a week (days since 1970 // 7) those days touch: one row each
        lo DATE,                       -- the days its reports can lie on (NULL: unbounded)
        hi DATE,
        lat_lo DOUBLE,                 -- the box of its precise places (NULL: none)
        lat_hi DOUBLE,
        lon_lo DOUBLE,
        lon_hi DOUBLE,
        recipients TEXT[]
    );
    """,
))

MIGRATIONS.append((
    "0004_flashpoint_members",
    """
    CREATE TABLE flashpoint_members (  -- the merged events of each discovered flashpoint
        name TEXT NOT NULL,
        id TEXT NOT NULL,
        day DATE,
        contribution DOUBLE,           -- weight x ladder rung
        milli BIGINT,                  -- the same in thousandths (alerts add these)
        n_reports INTEGER
    );
    """,
))

MIGRATIONS.append((
    "0005_flashpoint_days",
    """
    CREATE TABLE flashpoint_days (     -- flashpoint_members by day: the daily series alerts read
        name TEXT NOT NULL,
        day DATE NOT NULL,
        n INTEGER,                     -- events
        v BIGINT                       -- escalation in thousandths
    );
    """,
))

MIGRATIONS.append((
    "0006_event_actors",
    """
    CREATE TABLE event_actors (        -- each event once under each code of its actor and recipient
        role TEXT NOT NULL,            -- 'actor' or 'recipient'
        code TEXT NOT NULL,            -- one code of the list (RUSGOV of RUSGOV+BLRMIL)
        lo DATE,                       -- coalesce(date_start, date_end, published): what --until tests
        hi DATE,                       -- coalesce(date_end, date_start, published): what --since tests
        day DATE,                      -- coalesce(date_start, published): what events are sorted by
        type TEXT,
        article_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        appended BOOLEAN NOT NULL      -- written after the table was last sorted (Store.sort_event_actors)
    );
    INSERT INTO event_actors
    SELECT role, code, lo, hi, day, type, article_id, idx, false FROM (
        SELECT 'actor' AS role, unnest(string_split(actor, '+')) AS code,
               coalesce(date_start, date_end, published) AS lo, coalesce(date_end, date_start, published) AS hi,
               coalesce(date_start, published) AS day, type, article_id, idx FROM events
        UNION ALL
        SELECT 'recipient', unnest(string_split(recipient, '+')), coalesce(date_start, date_end, published),
               coalesce(date_end, date_start, published), coalesce(date_start, published), type, article_id, idx
        FROM events)
    WHERE code <> ''
    ORDER BY role, code, lo;           -- in this order a code's rows lie together: zone maps skip the rest
    CREATE INDEX event_actors_article ON event_actors(article_id);
    """,
))

MIGRATIONS.append((
    "0007_sentences_article",
    """
    CREATE INDEX sentences_article ON sentences(article_id);  -- a report's sentence (merged/{id})
    """,
))



def _json(value: str) -> str:
    return f"coalesce(CAST(to_json({value}) AS VARCHAR), 'null')"


def _number(value: str) -> str:
    """A double as JSON that reads back the same double (DuckDB's JSON functions round them)."""
    return f"CASE WHEN {value} IS NULL THEN 'null' WHEN isnan({value}) THEN 'NaN' ELSE CAST({value} AS VARCHAR) END"


def _codes(value: str) -> str:
    return _json(f"list_sort(list_distinct(list_filter(coalesce({value}, []), c -> c <> '')))")


#: A report's merge inputs as the merge writes them (escalation.build.INPUT_COLUMNS, compact JSON),
#: from its event ``e``.
INPUTS_SQL = "'[' || concat_ws(',', " + ", ".join([
    _json("e.idx"), _json("e.type"), _json("e.mode"), _json("coalesce(e.actor, '')"), _json("coalesce(e.recipient, '')"),
    _codes("e.actor_countries"), _codes("e.recipient_countries"), _json("e.attributed_to"),
    _json("coalesce(e.historical, false)"), _json("json_extract_string(e.record, '$.place.kind')"),
    _number("e.lat"), _number("e.lon"), _codes("e.place_countries"), _json("e.cameo"), _json("e.quad_class"),
    _number("e.goldstein"), _number("e.plover_score"), _number("e.weight"), _json("e.sentence"),
    _json("coalesce(e.trigger, '')")]) + ") || ']'"

MIGRATIONS.append((
    "0008_merged_report_inputs",
    f"""
    -- each merged report keeps the rest of what the merge compares it by (as the merge read it
    -- from its event), so that the incremental merge re-clusters the reports of the events a new
    -- report may join from these rows instead of a pass over events. One JSON array (the order
    -- of escalation.build.INPUT_COLUMNS): one column is read much faster than twenty. DuckDB
    -- cannot add a column to a table with an index: the table is rebuilt.
    CREATE TABLE merged_reports_new (
        merged_id TEXT NOT NULL,
        article_id TEXT NOT NULL,
        event_id TEXT NOT NULL,
        outlet TEXT,
        published DATE,
        status TEXT,
        modality TEXT,
        date_start DATE,
        date_end DATE,
        place TEXT,
        quantities JSON,
        evidence TEXT,
        inputs JSON                    -- [idx, type, mode, actor, recipient, actor countries, ...]
    );
    INSERT INTO merged_reports_new
    SELECT r.merged_id, r.article_id, r.event_id, r.outlet, r.published, r.status, r.modality, r.date_start,
           r.date_end, r.place, r.quantities, r.evidence, CASE WHEN e.type IS NOT NULL THEN {INPUTS_SQL} END
    FROM merged_reports r LEFT JOIN events e USING (article_id, event_id);
    DROP INDEX merged_reports_merged;
    DROP TABLE merged_reports;
    ALTER TABLE merged_reports_new RENAME TO merged_reports;
    CREATE INDEX merged_reports_merged ON merged_reports(merged_id);
    """,
))

MIGRATIONS.append((
    "0009_merged_keys",
    """
    -- an integer key for each merged event, beside its text id, in every table that lists merged
    -- events: the incremental merge finds, reads and deletes the rows of a few thousand events
    -- among millions by it (a join on a BIGINT costs a fraction of one on text: deleting 3,000
    -- events' blocks from 4 M rows 0.05 s against 0.21 s). Internal: users see the text ids
    -- only. Assigned in the order the events were written (new events take the next keys), so
    -- the rows written last lie together. DuckDB cannot add a column to a table with an index:
    -- the tables are rebuilt, in the order of their rows (rows of no merged event, which no
    -- writer leaves, are not kept).
    CREATE TABLE merged_events_new (
        id TEXT PRIMARY KEY, type TEXT NOT NULL, mode TEXT, actor TEXT, recipient TEXT,
        actor_countries TEXT[], recipient_countries TEXT[], status TEXT, modality TEXT,
        date_start DATE, date_end DATE, day DATE, historical BOOLEAN, place TEXT, place_kind TEXT,
        lat DOUBLE, lon DOUBLE, place_countries TEXT[], cameo TEXT, quad_class INTEGER,
        goldstein DOUBLE, plover_score DOUBLE, weight DOUBLE, rung INTEGER, rung_label TEXT,
        first_published DATE, last_published DATE, n_reports INTEGER, n_outlets INTEGER,
        outlets TEXT[], evidence TEXT, disagreements JSON, reports JSON,
        key BIGINT NOT NULL            -- internal: see above
    );
    INSERT INTO merged_events_new SELECT *, rowid + 1 FROM merged_events ORDER BY rowid;
    CREATE TABLE merged_reports_new (
        merged_id TEXT NOT NULL, article_id TEXT NOT NULL, event_id TEXT NOT NULL, outlet TEXT,
        published DATE, status TEXT, modality TEXT, date_start DATE, date_end DATE, place TEXT,
        quantities JSON, evidence TEXT, inputs JSON,
        merged_key BIGINT NOT NULL     -- merged_events.key of merged_id
    );
    INSERT INTO merged_reports_new SELECT r.*, e.key FROM merged_reports r JOIN merged_events_new e ON e.id = r.merged_id
    ORDER BY r.rowid;
    CREATE TABLE merged_blocks_new (
        merged_id TEXT NOT NULL, type TEXT NOT NULL, actor TEXT NOT NULL, week INTEGER, lo DATE, hi DATE,
        lat_lo DOUBLE, lat_hi DOUBLE, lon_lo DOUBLE, lon_hi DOUBLE, recipients TEXT[],
        merged_key BIGINT NOT NULL
    );
    INSERT INTO merged_blocks_new SELECT b.*, e.key FROM merged_blocks b JOIN merged_events_new e ON e.id = b.merged_id
    ORDER BY b.rowid;
    CREATE TABLE flashpoint_members_new (
        name TEXT NOT NULL, id TEXT NOT NULL, day DATE, contribution DOUBLE, milli BIGINT, n_reports INTEGER,
        key BIGINT NOT NULL
    );
    INSERT INTO flashpoint_members_new SELECT m.*, e.key FROM flashpoint_members m JOIN merged_events_new e ON e.id = m.id
    ORDER BY m.rowid;
    DROP INDEX merged_reports_merged;
    DROP INDEX merged_events_day;
    DROP TABLE merged_reports;
    DROP TABLE merged_events;
    DROP TABLE merged_blocks;
    DROP TABLE flashpoint_members;
    ALTER TABLE merged_events_new RENAME TO merged_events;
    ALTER TABLE merged_reports_new RENAME TO merged_reports;
    ALTER TABLE merged_blocks_new RENAME TO merged_blocks;
    ALTER TABLE flashpoint_members_new RENAME TO flashpoint_members;
    CREATE INDEX merged_events_day ON merged_events(day);
    CREATE INDEX merged_reports_merged ON merged_reports(merged_id);
    """,
))
