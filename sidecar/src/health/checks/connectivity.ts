import { classifyStorageError } from '../../storage/classify-error';
import { probeEndpoint } from '../network-probe';
import { say } from '../health-messages';
import { failed, good, type HealthCheck } from '../types';

/**
 * Sidecar → storage endpoint: DNS, TCP, TLS and time to first byte. (WordPress → sidecar is checked by the plugin:
 * when it fails, this check never runs.) A timeout here means no answer at all: outbound traffic is blocked.
 */
export const connectivity: HealthCheck = async (context) => {
	const endpoint = context.adapter.endpointUrl;
	const probe = await probeEndpoint(endpoint, context.timeoutMs);
	context.network = { ok: !probe.failedStep, serverDate: probe.serverDate };
	const details = { endpoint, host: probe.host, port: probe.port, address: probe.address, ms: probe.ms, ttfb_ms: probe.ttfbMs };
	if (!probe.failedStep) {
		const timings = { endpoint, dns_ms: probe.ms.dns ?? 0, tcp_ms: probe.ms.tcp ?? 0, ttfb_ms: probe.ttfbMs ?? 0 };
		return good(
			'connectivity',
			probe.ms.tls !== undefined ? say('connectivity.reached_tls', { ...timings, tls_ms: probe.ms.tls }) : say('connectivity.reached', timings),
			details,
		);
	}
	const error = classifyStorageError(probe.error, { bucket: context.storage.bucket, provider: context.provider, endpoint });
	const step = probe.failedStep.toUpperCase();
	if (error.reason === 'timeout') {
		// The fix names the endpoint's own host and port: a firewall rule for 443 does nothing for a server on 9000.
		const where = `${probe.host}:${probe.port}`;
		const scheme = new URL(endpoint).protocol === 'http:' ? 'HTTP' : 'HTTPS';
		if (probe.failedStep === 'tcp' || probe.failedStep === 'dns') {
			return failed(
				'connectivity',
				'timeout',
				say('connectivity.no_answer', { where, step, timeout_ms: context.timeoutMs }),
				say('connectivity.no_answer.fix', { scheme, host: probe.host, port: probe.port }),
				details,
			);
		}
		// Connected, then silence: something listens there but does not answer (a stuck server, a proxy that holds).
		return failed(
			'connectivity',
			'timeout',
			say('connectivity.silent', { where, step, timeout_ms: context.timeoutMs }),
			say('connectivity.silent.fix', { where, scheme }),
			details,
		);
	}
	const cause = probe.failedStep === 'dns' && error.reason !== 'dns' ? 'dns' : error.reason;
	return failed('connectivity', cause, say('connectivity.failed_at_step', { error: error.said.message, step }), error.said.remedy, details);
};
