// Builds a media library for the migration tests and the benchmark in one PHP run: real JPEG sizes are
// made once from the fixture photo with WordPress' image editor, then copied (each copy made unique) for
// every attachment, and the attachments are inserted with their metadata — no upload hook runs, so they are
// "existing media" that only the migration offloads. Hundreds of attachments take seconds, not minutes.
import { readRunFile } from '../../bin/dev/processes';
import { phpValue, wpEval as wpEvalIn, type WpSiteRef } from '../../bin/dev/wp-eval';
import { FIXTURES } from './media';
import { rest } from './rest';
import type { TestSite } from './stack';
import path from 'node:path';

export interface LibraryItem {
	id: number;
	/** Every file, relative to uploads, with its size in bytes. */
	files: Record<string, number>;
}

/** The sizes made for each attachment, besides the attached file itself (1024 × 683). */
const SIZES: Array<[string, number, number, boolean]> = [
	['thumbnail', 150, 150, true],
	['medium', 300, 200, false],
	['medium_large', 768, 512, false],
	['small', 100, 67, false],
	['card', 200, 133, false],
	['wide', 600, 400, false],
];

/** Creates `count` attachments of ~7 files each under uploads/<folder>/. */
export async function createLibrary(site: WpSiteRef, folder: string, count: number): Promise<LibraryItem[]> {
	return wpEvalIn<LibraryItem[]>(
		site,
		`require_once ABSPATH . 'wp-admin/includes/image.php';
		$folder = ${phpValue(folder)};
		$sizes  = ${phpValue(SIZES)};
		$base   = wp_get_upload_dir()['basedir'];
		$tmp    = $base . '/' . $folder . '/.source';
		wp_mkdir_p( $tmp );
		$sources = array();
		foreach ( array_merge( array( array( 'full', 1024, 683, false ) ), $sizes ) as $size ) {
			$editor = wp_get_image_editor( ${phpValue(path.join(FIXTURES, 'photo-3000x2000.jpg'))} );
			if ( is_wp_error( $editor ) ) { throw new Exception( $editor->get_error_message() ); }
			$editor->resize( $size[1], $size[2], $size[3] );
			$saved = $editor->save( $tmp . '/' . $size[0] . '.jpg' );
			$sources[ $size[0] ] = array( 'path' => $saved['path'], 'width' => $saved['width'], 'height' => $saved['height'] );
		}
		$items = array();
		for ( $i = 1; $i <= ${Number(count)}; $i++ ) {
			$name  = 'photo-' . $i;
			$files = array();
			$copy  = function ( $source, $file ) use ( $base, $folder, &$files, $i ) {
				$relative = $folder . '/' . $file;
				// Trailing bytes after the JPEG end marker make every copy a distinct object; viewers ignore them.
				file_put_contents( $base . '/' . $relative, file_get_contents( $source ) . "\\n" . $relative );
				$files[ $relative ] = filesize( $base . '/' . $relative );
			};
			$copy( $sources['full']['path'], $name . '.jpg' );
			$meta = array( 'width' => 1024, 'height' => $sources['full']['height'], 'file' => $folder . '/' . $name . '.jpg', 'sizes' => array() );
			foreach ( $sizes as $size ) {
				$s    = $sources[ $size[0] ];
				$file = $name . '-' . $s['width'] . 'x' . $s['height'] . '.jpg';
				$copy( $s['path'], $file );
				$meta['sizes'][ $size[0] ] = array( 'file' => $file, 'width' => $s['width'], 'height' => $s['height'], 'mime-type' => 'image/jpeg' );
			}
			$id = wp_insert_attachment( array( 'post_title' => $folder . ' ' . $name, 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), $base . '/' . $folder . '/' . $name . '.jpg', 0, true );
			if ( is_wp_error( $id ) ) { throw new Exception( $id->get_error_message() ); }
			wp_update_attachment_metadata( $id, $meta );
			$items[] = array( 'id' => $id, 'files' => $files );
		}
		return $items;`,
	);
}

/** Cancels whatever an earlier test or run left running, so the next POST starts a new run. */
/** Cancels runs an earlier test run left running or paused (migration, download back, move): a new start would resume them. */
export async function cancelLeftoverRun(site: TestSite): Promise<void> {
	for (const route of ['/migration', '/downloads', '/moves']) {
		const progress = await rest(site, 'GET', route);
		if (progress.body.state === 'running' || progress.body.state === 'paused') await rest(site, 'PATCH', route, { state: 'cancelled' });
	}
}

/** kill -9 of the sidecar's whole process group: no shutdown handler runs, as in a crash. */
export async function killSidecar(site: TestSite): Promise<void> {
	const run = readRunFile(site.stack.keys.sidecar);
	if (!run?.pid) throw new Error('The sidecar is not running');
	process.kill(-run.pid, 'SIGKILL');
	for (let i = 0; i < 100; i++) {
		try {
			process.kill(-run.pid, 0);
			await new Promise((resolve) => setTimeout(resolve, 50));
		} catch {
			return;
		}
	}
}

export async function waitForState(site: TestSite, states: string[], timeoutMs: number, route = '/migration'): Promise<any> {
	const deadline = Date.now() + timeoutMs;
	let last: any;
	while (Date.now() < deadline) {
		last = (await rest(site, 'GET', route)).body;
		if (states.includes(last.state)) return last;
		await new Promise((resolve) => setTimeout(resolve, 300));
	}
	throw new Error(`The run did not reach ${states.join('/')} in ${timeoutMs} ms; last progress: ${JSON.stringify(last)}`);
}
