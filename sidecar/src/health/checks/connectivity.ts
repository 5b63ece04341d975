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
		return good('connectivity', LABEL, `The sidecar reaches ${endpoint} (DNS ${probe.ms.dns} ms, TCP ${probe.ms.tcp} ms${probe.ms.tls !== undefined ? `, TLS ${probe.ms.tls} ms` : ''}, first byte after ${probe.ttfbMs} ms).`, details);
	}
	const error = classifyStorageError(probe.error, { bucket: context.storage.bucket, provider: context.provider, endpoint });
	if (error.reason === 'timeout') {
		return failed('connectivity', LABEL, 'timeout', `${probe.host}:${probe.port} did not answer at all (${probe.failedStep.toUpperCase()} step timed out after ${context.timeoutMs} ms): outbound connections from this server look blocked.`, `Ask your host to allow outbound HTTPS connections from this server to ${probe.host} on port ${probe.port === 80 ? 80 : 443}${probe.port !== 443 && probe.port !== 80 ? ` (this endpoint uses port ${probe.port})` : ''}.`, details);
	}
	const cause = probe.failedStep === 'dns' && error.reason !== 'dns' ? 'dns' : error.reason;
	return failed('connectivity', LABEL, cause, `${error.message} (failed at the ${probe.failedStep.toUpperCase()} step)`, error.remedy, details);
};
