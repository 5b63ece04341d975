import { saidOf } from '../jobs/error-said';
import { messagesOf, type MessageParam } from '../messages';
import type { SidecarError } from '../errors';

/**
 * The codes of the sentences of a file the sidecar cannot read, write or confirm (uploads-path.ts,
 * restore-destinations.ts, restore-files.ts, upload-files.ts), with their parameters. They travel with the error
 * (SidecarError's `said`) to where a user reads it: a run's failure list, an upload's pending reason, a REST error.
 * WordPress holds the texts (plugin/inc/health/class-messages-files.php), in English the very words of the error's
 * own English, so a site without a translation reads what it read before (test/unit/error-messages.test.ts).
 *
 * `why` of `files.write_outside` and `files.forbidden_name` is one of the `files.why.*` messages.
 */
export const FILES_MESSAGES = {
	'files.read_outside': ['path'],
	'files.read_outside.fix': [],
	'files.missing': ['path'],
	'files.missing.fix': [],
	'files.write_outside': ['path', 'why'],
	'files.write_outside.fix': [],
	'files.why.leaves_uploads': [],
	'files.why.no_uploads_folder': [],
	'files.why.folder_symlink_outside': [],
	'files.why.file_symlink_outside': [],
	'files.why.dangling_symlink': [],
	'files.why.part_is_symlink': ['part'],
	'files.why.part_not_folder': ['part'],
	'files.why.folder_replaced': [],
	'files.forbidden_name': ['path', 'why'],
	'files.forbidden_name.fix': ['key'],
	'files.why.dot_name': [],
	'files.why.server_config': ['name'],
	'files.why.executable': ['extension'],
	'files.not_a_file': ['path'],
	'files.not_a_file.fix': [],
	'files.missing_everywhere': ['key'],
	'files.missing_everywhere.fix': [],
	'files.download_truncated': ['key', 'bytes', 'size'],
	'files.download_truncated.fix': [],
	'files.source_unavailable': ['bucket', 'error'],
	'files.source_unavailable.fix': [],
	/** An error and its fix in one parameter (the reason inside `files.source_unavailable`). */
	'files.sentence_and_fix': ['sentence', 'fix'],
	'files.not_confirmed': ['key'],
	'files.not_confirmed.fix': [],
	/** Download back of an attachment in another provider's bucket (jobs/download-processor.ts). */
	'files.stored_elsewhere': ['attachment_id', 'provider', 'bucket', 'current_provider'],
	'files.stored_elsewhere.fix': [],
} as const;

export const sayFiles = messagesOf(FILES_MESSAGES);

/**
 * An error's reason as one parameter: its sentence and fix as codes when it has them, else its English as the
 * error said it (a sentence the catalog has no words for is better read in English than not at all).
 */
export function reasonOf(error: unknown): MessageParam {
	const said = typeof error === 'object' && error !== null ? saidOf(error as SidecarError) : null;
	if (said) return sayFiles('files.sentence_and_fix', { sentence: said.message, fix: said.remedy });
	const coded = error as Partial<SidecarError> | null;
	return typeof coded?.message === 'string' && typeof coded.remedy === 'string' ? `${coded.message} ${coded.remedy}` : String(error);
}
