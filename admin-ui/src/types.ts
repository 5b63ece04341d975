// The shared REST contract under /wp-json/media-cloud/v1, as the screens read it. Fields the
// contract marks optional are optional here too: the routes are built by other parts of the plugin.

export interface AdminConfig {
	page: 'dashboard' | 'settings' | 'health' | 'tools';
	restRoot: string;
	nonce: string;
	version: string;
	urls: Record<
		'dashboard' | 'settings' | 'health' | 'tools' | 'mediaNew',
		string
	>;
}

export type SettingValue = string | boolean | number;
export type SettingsValues = Record< string, SettingValue >;

export type FieldOption = string | { value: string; label: string };

export interface ProviderField {
	key: string;
	label: string;
	help?: string;
	type: string; // 'text' | 'url' | 'password' | 'select' | 'boolean' | 'toggle' …
	options?: FieldOption[];
}

export interface Provider {
	id: string;
	label: string;
	fields: ProviderField[];
	regions?: FieldOption[];
}

export interface SettingsResponse {
	settings: SettingsValues;
	secrets_set: Record< string, boolean >;
	locked: string[];
	providers: Provider[];
}

export type HealthStatus = 'good' | 'recommended' | 'critical';

export interface HealthResult {
	test: string;
	label: string;
	status: HealthStatus;
	description?: string;
	actions?: string;
	cause?: string;
	fix?: string;
}

export interface HealthResponse {
	results: HealthResult[];
	ran_at?: string | number | null;
}

export interface StatusResponse {
	attachments: {
		total: number;
		offloaded: number;
		pending: number;
		not_offloaded: number;
	};
	files: { total: number; offloaded: number };
	storage: {
		provider: string;
		bucket: string;
		public_base: string;
		cdn_host: string;
	};
	pending: Array< {
		id: number;
		title: string;
		reason: string;
		since: string | number;
	} >;
}

export type JobState = 'idle' | 'running' | 'paused' | 'cancelled' | 'done';

export interface JobError {
	attachment_id: number;
	/** The sidecar's E_* code of the last failure. */
	code?: string | null;
	reason: string;
	/** What to do about it, when the route says. */
	remedy?: string | null;
	attempts?: number;
	permanent?: boolean;
}

export interface MigrationResponse {
	state: JobState;
	total: number;
	done: number;
	failed: number;
	bytes?: number;
	rate_per_second?: number;
	eta_seconds?: number | null;
	/** Set when the sidecar paused the run itself because of a storage-wide error. */
	paused_reason?: { code: string; message: string; remedy: string } | null;
	/** Set while the storage does not answer and the run waits for it (seconds since the epoch). */
	waiting_for_storage?: {
		code: string;
		message: string;
		remedy: string;
		since: number;
		retry_at: number;
	} | null;
	errors?: JobError[];
	[ extra: string ]: unknown;
}

export interface UrlReplaceItem {
	post_id: number;
	field: string;
	old_url: string;
	new_url: string;
}

export interface UrlReplaceScan {
	total: number;
	items: UrlReplaceItem[];
	not_offloaded: unknown[];
	not_offloaded_total?: number;
}

export interface UrlReplaceRun {
	id: string | number;
	state: string;
	processed: number;
	total: number;
	changed: number;
}

/** The error body of every media-cloud/v1 route (a WP_Error), or api-fetch's own network error. */
export interface ApiErrorBody {
	code: string;
	message: string;
	data?: {
		status?: number;
		remedy?: string;
		errors?: Record< string, string >;
		/** PUT /settings with invalid fields: the settings as now stored. */
		settings?: SettingsResponse;
	} | null;
}
