import { messagesOf } from '../messages';

/**
 * The codes of the health checks' own sentences and their parameters (WordPress holds the texts:
 * plugin/inc/health/class-messages-checks.php). `.fix` codes say what to do. A parameter named `error`,
 * `failure`, `remedy` or `*_hint` is itself a message (a storage error's sentence, a provider's hint).
 */
export const HEALTH_MESSAGES = {
	'check.not_tested_unreachable': [],
	'check.upload_first.fix': ['remedy'],

	'connectivity.reached': ['endpoint', 'dns_ms', 'tcp_ms', 'ttfb_ms'],
	'connectivity.reached_tls': ['endpoint', 'dns_ms', 'tcp_ms', 'tls_ms', 'ttfb_ms'],
	'connectivity.no_answer': ['where', 'step', 'timeout_ms'],
	'connectivity.no_answer.fix': ['scheme', 'host', 'port'],
	'connectivity.silent': ['where', 'step', 'timeout_ms'],
	'connectivity.silent.fix': ['where', 'scheme'],
	'connectivity.failed_at_step': ['error', 'step'],

	'credentials.missing_access_key': [],
	'credentials.missing_secret_key': [],
	'credentials.missing_keys': [],
	'credentials.missing_zone_password': [],
	'credentials.accepted': ['provider', 'bucket'],

	'upload.read_only_key': ['provider', 'bucket'],
	'upload.put_failed': ['error'],
	'upload.read_back_differs': [],
	'upload.read_back_missing': [],
	'upload.not_faithful.fix': [],
	'upload.delete_ignored': [],
	'upload.delete_ignored.fix': ['write_hint'],
	'upload.delete_denied': ['bucket'],
	'upload.read_or_delete_failed': ['error'],
	'upload.passed': ['url', 'put_ms', 'get_ms', 'page_ms', 'delete_ms'],
	'upload.passed_without_acl': ['url', 'put_ms', 'get_ms', 'page_ms', 'delete_ms'],

	'page_url.no_public_url': ['provider'],
	'page_url.invalid': ['url'],
	'page_url.unreachable': ['url', 'error'],
	'page_url.denied': ['url', 'status'],
	'page_url.not_found': ['url'],
	'page_url.other_content': ['url', 'status'],
	'page_url.loads_virtual_hosted': ['failure', 'working_url'],
	'page_url.loads_path_style': ['failure', 'working_url'],
	'page_url.turn_path_style_on.fix': ['base'],
	'page_url.turn_path_style_off.fix': ['base'],
	'page_url.cdn_typo.fix': ['host'],
	'page_url.cdn_origin.fix': ['public_base', 'host'],
	'page_url.cdn_origin_unknown.fix': ['host'],
	'page_url.public_url_setting.fix': [],
	'page_url.check_endpoint.fix': [],
	'page_url.enter_public_url.fix': ['public_hint'],

	'public_access.no_public_url': ['provider'],
	'public_access.not_tested': [],
	'public_access.unreachable': ['base', 'error'],
	'public_access.unreachable.fix': ['remedy'],
	'public_access.denied': ['status', 'base'],
	'public_access.not_found': ['base'],
	'public_access.not_found.fix': [],
	'public_access.other_content': ['base', 'status'],
	'public_access.other_content.fix': [],
	'public_access.passed': ['base'],

	'cdn.none': [],
	'cdn.not_tested': [],
	'cdn.unreachable': ['host', 'error'],
	'cdn.unreachable.fix': ['remedy'],
	'cdn.passed': ['host', 'ms'],
	'cdn.not_pulling': ['host', 'status'],
	'cdn.not_pulling.fix': ['public_base'],
	'cdn.not_pulling_no_base.fix': [],
	'cdn.wrong_host': ['host', 'status', 'bytes'],
	'cdn.wrong_host.fix': ['public_base'],
	'cdn.wrong_host_no_base.fix': [],

	'clock.no_date': [],
	'clock.ntp.fix': [],
	'clock.ahead_refused': ['seconds'],
	'clock.behind_refused': ['seconds'],
	'clock.ahead': ['seconds'],
	'clock.behind': ['seconds'],
	'clock.agrees': ['seconds'],
} as const;

export const say = messagesOf(HEALTH_MESSAGES);
