import { say } from '../health-messages';
import { failed, good, type HealthCheck } from '../types';

/** S3 refuses signatures more than 15 minutes off (RequestTimeTooSkewed); warn well before. */
const WARN_SECONDS = 60;
const CRITICAL_SECONDS = 10 * 60;

/** Compares this server's clock with the endpoint's `Date` header (taken by the connectivity check). */
export const clockSkew: HealthCheck = async (context) => {
	const serverDate = context.network?.serverDate;
	if (!serverDate) {
		return { test: 'clock_skew', status: 'recommended', message: say('clock.no_date'), fix: say('clock.ntp.fix') };
	}
	// The Date header has 1 s resolution and was sent a few ms ago: only whole seconds beyond 2 count.
	const skew = Math.round((Date.now() - serverDate.getTime()) / 1000);
	const details = { skew_seconds: skew, endpoint_time: serverDate.toISOString() };
	const seconds = Math.abs(skew);
	if (seconds >= CRITICAL_SECONDS) {
		const message = say(skew > 0 ? 'clock.ahead_refused' : 'clock.behind_refused', { seconds });
		return failed('clock_skew', 'clock_skew', message, say('clock.ntp.fix'), details);
	}
	if (seconds >= WARN_SECONDS) {
		const message = say(skew > 0 ? 'clock.ahead' : 'clock.behind', { seconds });
		return failed('clock_skew', 'clock_skew', message, say('clock.ntp.fix'), details, 'recommended');
	}
	return good('clock_skew', say('clock.agrees', { seconds: skew }), details);
};
