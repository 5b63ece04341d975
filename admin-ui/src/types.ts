// The shared REST contract under /wp-json/media-cloud/v1, as the screens read it. Fields the
// contract marks optional are optional here too.

export interface AdminConfig {
	page: 'dashboard' | 'settings' | 'health' | 'tools';
	restRoot: string;
	nonce: string;
	version: string;
	urls: Record<
		'dashboard' | 'settings' | 'health' | 'tools' | 'mediaNew',
		string
	>;
	/** Provider id => the name people know ("Cloudflare R2"), printed with the page. */
	providerLabels: Record< string, string >;
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
	/** Who sets each locked key: a wp-config.php constant, or the network's settings (Network Admin). */
	locked_by?: Record< string, 'constant' | 'network' >;
	network_managed?: boolean;
	/** wp-config.php constants the screen would refuse, with the message for their field. */
	constant_errors?: Record< string, string >;
	/** Saved values the screen would refuse today (saved before a rule existed, or imported), with the message for their field. */
	stored_errors?: Record< string, string >;
	/** Network Admin › Media Cloud, for a user who may change the network's settings; '' otherwise. */
	network_url?: string;
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

/**
 * A background run's progress (migration, download back, move), as the sidecar answers it and WordPress passes it
 * on: declared once, in the sidecar (type only, nothing of the sidecar is bundled).
 */
export type {
	RunProgress,
	RunProgressError as JobError,
	RunProgressState as JobState,
} from '../../sidecar/src/jobs/progress';

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
