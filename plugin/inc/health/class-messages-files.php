<?php
/**
 * The sentences of a file the sidecar cannot read, write or confirm, and of its own failures (codes
 * from sidecar/src/files/files-messages.ts and sidecar/src/sidecar-messages.ts). They reach a user in a run's
 * failure list, an upload's pending reason and an error answer; in English they are, word for word, what the
 * sidecar says in English, so a site without a translation reads what it read before. Each entry: the sentence,
 * then the names of its parameters in placeholder order. Rendered by Messages.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages_Files {

	/** @return array<string, array<int, string>> */
	public static function catalog(): array {
		return self::reading() + self::writing() + self::sidecar();
	}

	/** Offloading: a file read from the uploads folder, then confirmed in the bucket. @return array<string, array<int, string>> */
	private static function reading(): array {
		return array(
			'files.read_outside'     => array(
				/* translators: %s: a file path relative to the uploads folder. */
				__( 'Refused to read "%s": the path leaves the uploads folder.', 'wp-media-cloud' ),
				'path',
			),
			'files.read_outside.fix' => array( __( 'Only files inside wp-content/uploads can be offloaded. Check WPMC_UPLOADS_DIR and the attachment metadata.', 'wp-media-cloud' ) ),
			'files.missing'          => array(
				/* translators: %s: a file path relative to the uploads folder. */
				__( 'The file "%s" does not exist in the uploads folder.', 'wp-media-cloud' ),
				'path',
			),
			'files.missing.fix'      => array( __( 'Restore the file from a backup, or regenerate the image sizes, then offload the attachment again.', 'wp-media-cloud' ) ),
			'files.not_confirmed'    => array(
				/* translators: %s: an object key in the bucket. */
				__( 'The bucket does not hold "%s" with the uploaded size after the upload.', 'wp-media-cloud' ),
				'key',
			),
			'files.not_confirmed.fix' => array( __( 'The local file was kept. Run Media Cloud › Health; the upload will be retried.', 'wp-media-cloud' ) ),
		);
	}

	/** Download back and restores: a file written into the uploads folder from the bucket. @return array<string, array<int, string>> */
	private static function writing(): array {
		return array(
			'files.write_outside'              => array(
				/* translators: 1: a file path relative to the uploads folder, 2: why it is refused (a phrase such as "the path leaves the uploads folder"). */
				__( 'Refused to write "%1$s": %2$s.', 'wp-media-cloud' ),
				'path',
				'why',
			),
			'files.write_outside.fix'          => array( __( 'Only files inside wp-content/uploads are restored, never through a symlink that leads elsewhere. Remove the symlink (or fix the attachment metadata), then run this again.', 'wp-media-cloud' ) ),
			'files.why.leaves_uploads'         => array( __( 'the path leaves the uploads folder', 'wp-media-cloud' ) ),
			'files.why.no_uploads_folder'      => array( __( 'the uploads folder does not exist', 'wp-media-cloud' ) ),
			'files.why.folder_symlink_outside' => array( __( 'a folder on the way is a symlink that leads outside the uploads folder', 'wp-media-cloud' ) ),
			'files.why.file_symlink_outside'   => array( __( 'the file is a symlink that leads outside the uploads folder', 'wp-media-cloud' ) ),
			'files.why.dangling_symlink'       => array( __( 'the file is a symlink to a file that does not exist', 'wp-media-cloud' ) ),
			'files.why.part_is_symlink'        => array(
				/* translators: %s: a folder name. */
				__( '"%s" on the way is a symlink', 'wp-media-cloud' ),
				'part',
			),
			'files.why.part_not_folder'        => array(
				/* translators: %s: a folder name. */
				__( '"%s" on the way is not a folder', 'wp-media-cloud' ),
				'part',
			),
			'files.why.folder_replaced'        => array( __( 'a folder on the way was replaced (by a symlink?) while the file was restored', 'wp-media-cloud' ) ),
			'files.forbidden_name'             => array(
				/* translators: 1: a file path relative to the uploads folder, 2: why the name is refused (a phrase). */
				__( 'Refused to write "%1$s" from the bucket: %2$s. Nothing of this attachment was written.', 'wp-media-cloud' ),
				'path',
				'why',
			),
			'files.forbidden_name.fix'         => array(
				/* translators: %s: an object key in the bucket. */
				__( 'Media Cloud never writes files a web server could run or read as configuration. If the file really belongs to the attachment, download the object "%s" yourself, check it, and put it in place by hand; otherwise remove it from the attachment\'s metadata.', 'wp-media-cloud' ),
				'key',
			),
			'files.why.dot_name'               => array( __( 'a name starting with a dot configures the web server (.htaccess, .user.ini) or hides a file', 'wp-media-cloud' ) ),
			'files.why.server_config'          => array(
				/* translators: %s: a file name such as web.config. */
				__( '%s configures the web server', 'wp-media-cloud' ),
				'name',
			),
			'files.why.executable'             => array(
				/* translators: %s: a file extension such as php (after a dot). */
				__( '.%s files can be run by the web server', 'wp-media-cloud' ),
				'extension',
			),
			'files.not_a_file'                 => array(
				/* translators: %s: a file path relative to the uploads folder. */
				__( 'Refused to write "%s": something other than a file (a folder?) has that name.', 'wp-media-cloud' ),
				'path',
			),
			'files.not_a_file.fix'             => array( __( 'Move it away or fix the attachment metadata, then run this again.', 'wp-media-cloud' ) ),
			'files.missing_everywhere'         => array(
				/* translators: %s: an object key in the bucket. */
				__( '"%s" is neither on disk nor in the bucket.', 'wp-media-cloud' ),
				'key',
			),
			'files.missing_everywhere.fix'     => array( __( 'Restore the file from a backup; Media Cloud › Tools › Audit lists every such file.', 'wp-media-cloud' ) ),
			'files.download_truncated'         => array(
				/* translators: 1: an object key in the bucket, 2: bytes received, 3: the object's size in bytes. */
				__( 'The download of "%1$s" ended after %2$d of %3$d bytes.', 'wp-media-cloud' ),
				'key',
				'bytes',
				'size',
			),
			'files.download_truncated.fix'     => array( __( 'Nothing was written; run this again.', 'wp-media-cloud' ) ),
			'files.source_unavailable'         => array(
				/* translators: 1: bucket name, 2: the storage error and its fix (sentences). */
				__( 'The attachment\'s files could not be read from the bucket "%1$s" it is stored in: %2$s', 'wp-media-cloud' ),
				'bucket',
				'error',
			),
			'files.source_unavailable.fix'     => array( __( 'It keeps working from there as long as that bucket serves it. Give the settings access to that bucket (or restore the files on disk), then run this again.', 'wp-media-cloud' ) ),
			'files.sentence_and_fix'           => array(
				/* translators: 1: what went wrong (a sentence), 2: what to do about it (a sentence). */
				__( '%1$s %2$s', 'wp-media-cloud' ),
				'sentence',
				'fix',
			),
			'files.stored_elsewhere'           => array(
				/* translators: 1: attachment ID, 2: storage provider name, 3: bucket name, 4: the storage provider the settings name now. */
				__( 'Attachment %1$d was offloaded to %2$s (bucket "%3$s"), but the storage settings now point at %4$s.', 'wp-media-cloud' ),
				'attachment_id',
				'provider',
				'bucket',
				'current_provider',
			),
			'files.stored_elsewhere.fix'       => array( __( 'Switch Settings › Storage back to that provider and bucket to download its files, then run download back again.', 'wp-media-cloud' ) ),
		);
	}

	/** The sidecar's own failures: an error nobody foresaw, a request it refused, no run to pause. @return array<string, array<int, string>> */
	private static function sidecar(): array {
		return array(
			'sidecar.internal'              => array( __( 'The sidecar failed unexpectedly.', 'wp-media-cloud' ) ),
			'sidecar.failed'                => array(
				/* translators: %s: the error as the sidecar's runtime words it (in English), such as "ENOSPC: no space left on device". */
				__( 'The sidecar failed unexpectedly: %s', 'wp-media-cloud' ),
				'error',
			),
			'sidecar.internal.fix'          => array( __( 'Check the sidecar log (wp media-cloud sidecar logs) for the stack trace and report it.', 'wp-media-cloud' ) ),
			'sidecar.payload_too_large'     => array( __( 'The request body is larger than the sidecar accepts.', 'wp-media-cloud' ) ),
			'sidecar.payload_too_large.fix' => array( __( 'Only WordPress calls the sidecar, with signed requests: restart the sidecar so it runs the version the plugin ships.', 'wp-media-cloud' ) ),
			'sidecar.unreadable_body'       => array( __( 'The request body could not be read.', 'wp-media-cloud' ) ),
			'sidecar.unreadable_body.fix'   => array( __( 'Send the request again.', 'wp-media-cloud' ) ),
			'sidecar.unknown_route'         => array(
				/* translators: 1: HTTP method, 2: the route, such as /v1/offloads. */
				__( 'The running sidecar does not know the request %1$s %2$s: it runs another version than the plugin on disk.', 'wp-media-cloud' ),
				'method',
				'path',
			),
			'sidecar.bad_request'           => array(
				/* translators: %s: what the sidecar found wrong, in English, such as "files.0.key: Required". */
				__( 'The running sidecar refused the request (%s): it probably runs another version than the plugin on disk.', 'wp-media-cloud' ),
				'problems',
			),
			// Sidecar_Client puts this site's exact command in its place (Sidecar_Build::restart_fix()).
			'sidecar.restart.fix'           => array( __( 'Restart the sidecar so it runs the version the plugin ships (after a plugin update the running process keeps the old code): `wp media-cloud sidecar restart`, or `systemctl restart <its service>` where it runs as a systemd service.', 'wp-media-cloud' ) ),
			'sidecar.unsigned'              => array( __( 'The request is not signed.', 'wp-media-cloud' ) ),
			'sidecar.signature_expired'     => array( __( 'The request signature has expired.', 'wp-media-cloud' ) ),
			'sidecar.nonce_invalid'         => array( __( 'The request nonce is invalid.', 'wp-media-cloud' ) ),
			'sidecar.signature_mismatch'    => array( __( 'The request signature does not match.', 'wp-media-cloud' ) ),
			'sidecar.replayed'              => array( __( 'The request was already used (replay refused).', 'wp-media-cloud' ) ),
			'sidecar.unauthorized.fix'      => array( __( 'Make WPMC_SECRET on the sidecar equal WP_MEDIA_CLOUD_SIDECAR_SECRET in wp-config.php, and keep both clocks in sync.', 'wp-media-cloud' ) ),
			'sidecar.no_run.migrate'        => array( __( 'No migration is running or paused.', 'wp-media-cloud' ) ),
			'sidecar.no_run.download'       => array( __( 'No download is running or paused.', 'wp-media-cloud' ) ),
			'sidecar.no_run.move'           => array( __( 'No move to the current storage is running or paused.', 'wp-media-cloud' ) ),
			'sidecar.no_run.fix'            => array( __( 'Start one first.', 'wp-media-cloud' ) ),
		);
	}
}
