import type { SidecarError } from '../errors';
import { isMessage, type Message } from '../messages';

/**
 * An item's failure or a run's pause as codes (`{ message, remedy }` of `{ code, params }`), stored beside the
 * English so WordPress words it in the site's language (plugin/inc/migration/class-run-words.php). The English
 * stays for the log and for a plugin older than the codes.
 */
export interface ErrorSaid {
	message: Message;
	remedy: Message;
}

/** The sidecar's catch-all for a coded error with no sentence of its own: its English says it better. */
const ENGLISH_ONLY = 'storage.sidecar_error';

/**
 * The codes of an error when the catalog has its sentences (SidecarError.said: a storage error's cause and fix,
 * a file missing on disk, files/files-messages.ts); null for an error without them, or with the catch-all.
 */
export function saidOf(error: SidecarError): ErrorSaid | null {
	const said = (error as SidecarError & { said?: unknown }).said as Partial<ErrorSaid> | undefined;
	if (!said || !isMessage(said.message) || !isMessage(said.remedy)) return null;
	if (said.message.code === ENGLISH_ONLY) return null;
	return { message: said.message, remedy: said.remedy };
}

/** The stored JSON read back; null for a row written before the codes, or one that does not parse. */
export function parseSaid(json: string | null | undefined): ErrorSaid | null {
	if (!json) return null;
	try {
		const said = JSON.parse(json) as Partial<ErrorSaid>;
		return isMessage(said.message) && isMessage(said.remedy) ? { message: said.message, remedy: said.remedy } : null;
	} catch {
		return null;
	}
}
