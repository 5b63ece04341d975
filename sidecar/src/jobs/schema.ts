/**
 * Numbered schema migrations of the sidecar's job database. Each runs once, in order, inside a transaction;
 * `PRAGMA user_version` records the last one applied. Never edit a released entry: add the next number.
 */
export const SCHEMA_MIGRATIONS: ReadonlyArray<{ version: number; sql: string }> = [
	{
		version: 1,
		sql: `
			CREATE TABLE runs (
				id            INTEGER PRIMARY KEY,
				kind          TEXT    NOT NULL,            -- 'migrate' | 'download' (| 'move' since 0.2)
				state         INTEGER NOT NULL,            -- RunState
				concurrency   INTEGER NOT NULL,
				cursor        INTEGER NOT NULL DEFAULT 0,  -- last attachment id enumerated
				max_id        INTEGER NOT NULL DEFAULT 0,  -- attachments above it belong to the upload hook
				enumerated    INTEGER NOT NULL DEFAULT 0,  -- 1 once WordPress returned the last page
				total         INTEGER NOT NULL DEFAULT 0,
				selection     TEXT,                        -- JSON ids for a download of selected attachments
				created_at    INTEGER NOT NULL,
				resumed_at    INTEGER,
				finished_at   INTEGER
			);
			CREATE TABLE jobs (
				id             INTEGER PRIMARY KEY,
				run_id         INTEGER NOT NULL REFERENCES runs(id),
				attachment_id  INTEGER NOT NULL,
				status         INTEGER NOT NULL,           -- JobStatus
				attempts       INTEGER NOT NULL DEFAULT 0,
				run_after      INTEGER NOT NULL DEFAULT 0, -- ms epoch: backoff
				claimed_by     TEXT,
				claimed_at     INTEGER,
				payload        TEXT NOT NULL,              -- JSON: files (path, key, content type) and key prefix
				result         TEXT,                       -- JSON: confirmed objects, kept until WordPress acknowledges
				bytes          INTEGER NOT NULL DEFAULT 0,
				last_error_code TEXT,
				last_error     TEXT,
				permanent      INTEGER NOT NULL DEFAULT 0,
				finished_at    INTEGER,
				UNIQUE (run_id, attachment_id)
			);
			CREATE INDEX jobs_claim ON jobs (run_id, status, run_after);
			CREATE INDEX jobs_finished ON jobs (run_id, finished_at);
			CREATE INDEX jobs_status ON jobs (status);
		`,
	},
	{
		version: 2,
		// JSON { code, message, remedy }: why the engine paused a run by itself (e.g. the storage refused the key).
		sql: 'ALTER TABLE runs ADD COLUMN paused_reason TEXT;',
	},
	{
		version: 3,
		// Buckets (API endpoint + bucket name) that refused ACL headers: a restarted sidecar must not send one
		// PUT with them again (storage/acl-refusals.ts). Not job data, but the data folder's one database.
		sql: 'CREATE TABLE acl_refusals (bucket_id TEXT PRIMARY KEY, refused_at INTEGER NOT NULL);',
	},
	{
		version: 4,
		// What the user can do about an item's failure, shown beside it (Tools, wp media-cloud migrate).
		sql: 'ALTER TABLE jobs ADD COLUMN last_remedy TEXT;',
	},
	{
		version: 5,
		// Nonces of signed requests already answered, until their timestamp expires (auth/seen-nonces.ts): a
		// request answered before a restart must still be refused as a replay after it.
		sql: `
			CREATE TABLE seen_nonces (nonce TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
			CREATE INDEX seen_nonces_expiry ON seen_nonces (expires_at);
		`,
	},
	{
		version: 6,
		// JSON { done, skipped, bytes }: a finished run's jobs that WordPress acknowledged, counted before their
		// rows were deleted (JobStore.pruneFinished). Without pruning, one 100,000-attachment run left 113 MB.
		sql: 'ALTER TABLE runs ADD COLUMN pruned TEXT;',
	},
	{
		version: 7,
		// The site of a network a run belongs to (WordPress's blog id; 1 on a single site) and where the engine calls
		// it back: a path under WPMC_WORDPRESS_URL ('/site2', a subdirectory site), a URL of its own (a subdomain
		// site), or NULL for WPMC_WORDPRESS_URL itself. Each site's runs, pauses and progress are its own. Runs started
		// since store the site's home URL and its network's as JSON, the address decided per call (routes/run-site.ts).
		sql: `
			ALTER TABLE runs ADD COLUMN site_id INTEGER NOT NULL DEFAULT 1;
			ALTER TABLE runs ADD COLUMN callback_url TEXT;
			CREATE INDEX runs_kind_site ON runs (kind, site_id, id);
		`,
	},
	{
		version: 8,
		// JSON { message, remedy } of { code, params }: an item's failure as codes (jobs/error-said.ts), so WordPress
		// shows it in the site's language; NULL when the error has no sentence in the catalog (the English is shown).
		// A run's pause keeps its codes inside paused_reason's JSON (`said`), which needs no column.
		sql: 'ALTER TABLE jobs ADD COLUMN last_said TEXT;',
	},
];
