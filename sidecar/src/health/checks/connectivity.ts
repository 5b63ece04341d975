import { classifyStorageError } from '../../storage/classify-error';
import { probeEndpoint } from '../network-probe';
import { failed, good, type HealthCheck } from '../types';

const LABEL = 'API connectivity';

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
		return good(
			'connectivity',
			LABEL,
			`The sidecar reaches ${endpoint} (DNS ${probe.ms.dns} ms, TCP ${probe.ms.tcp} ms${probe.ms.tls !== undefined ? `, TLS ${probe.ms.tls} ms` : ''}, first byte after ${probe.ttfbMs} ms).`,
			details,
		);
	}
	const error = classifyStorageError(probe.error, { bucket: context.storage.bucket, provider: context.provider, endpoint });
	if (error.reason === 'timeout') {
		// The fix names the endpoint's own host and port: a firewall rule for 443 does nothing for a server on 9000.
		const where = `${probe.host}:${probe.port}`;
		const scheme = new URL(endpoint).protocol === 'http:' ? 'HTTP' : 'HTTPS';
		if (probe.failedStep === 'tcp' || probe.failedStep === 'dns') {
			return failed(
				'connectivity',
				LABEL,
				'timeout',
				`${where} did not answer at all (${probe.failedStep.toUpperCase()} step timed out after ${context.timeoutMs} ms): outbound connections from this server look blocked.`,
				`Ask your host to allow outbound ${scheme} connections from this server to ${probe.host} on port ${probe.port}; if the endpoint should not use port ${probe.port}, correct the endpoint URL.`,
				details,
			);
		}
		// Connected, then silence: something listens there but does not answer (a stuck server, a proxy that holds).
		return failed(
			'connectivity',
			LABEL,
			'timeout',
			`${where} accepted the connection but sent no answer (${probe.failedStep.toUpperCase()} step timed out after ${context.timeoutMs} ms): the storage server is stuck or overloaded, or the port belongs to another service.`,
			`Check the storage server at ${where}: its provider’s status page, or for a self-hosted one its log, and restart it; check that ${where} is the storage’s ${scheme} endpoint and not another service.`,
			details,
		);
	}
	const cause = probe.failedStep === 'dns' && error.reason !== 'dns' ? 'dns' : error.reason;
	return failed('connectivity', LABEL, cause, `${error.message} (failed at the ${probe.failedStep.toUpperCase()} step)`, error.remedy, details);
};
