import { failed, good, type HealthCheck } from '../types';

const LABEL = 'Clock';
/** S3 refuses signatures more than 15 minutes off (RequestTimeTooSkewed); warn well before. */
const WARN_SECONDS = 60;
const CRITICAL_SECONDS = 10 * 60;

/** Compares this server's clock with the endpoint's `Date` header (taken by the connectivity check). */
export const clockSkew: HealthCheck = async (context) => {
	const serverDate = context.network?.serverDate;
	if (!serverDate) {
		return {
			test: 'clock_skew',
			label: LABEL,
			status: 'recommended',
			description: 'The endpoint sent no Date header, so the clock could not be compared.',
			actions: 'Make sure this server synchronises its clock (NTP).',
		};
	}
	// The Date header has 1 s resolution and was sent a few ms ago: only whole seconds beyond 2 count.
	const skew = Math.round((Date.now() - serverDate.getTime()) / 1000);
	const details = { skew_seconds: skew, endpoint_time: serverDate.toISOString() };
	const fix = 'Synchronise this server’s clock with NTP (e.g. `timedatectl set-ntp true`), or ask your host to.';
	if (Math.abs(skew) >= CRITICAL_SECONDS) {
		return failed(
			'clock_skew',
			LABEL,
			'clock_skew',
			`This server’s clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the storage endpoint’s: signed requests will be refused (RequestTimeTooSkewed).`,
			fix,
			details,
		);
	}
	if (Math.abs(skew) >= WARN_SECONDS) {
		return failed(
			'clock_skew',
			LABEL,
			'clock_skew',
			`This server’s clock is ${Math.abs(skew)} s ${skew > 0 ? 'ahead of' : 'behind'} the storage endpoint’s.`,
			fix,
			details,
			'recommended',
		);
	}
	return good('clock_skew', LABEL, `This server’s clock agrees with the storage endpoint’s (${skew} s apart).`, details);
};
