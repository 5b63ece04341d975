// Helpers for the "every attachment owns its objects" suites: distinct images made by PHP's GD, uploads of
// raw bytes through the REST API, JPEG dimensions read from the bytes a URL serves, the real WP-CLI.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { phpString, type RestAttachment } from '../support/media';
import { wpEval, type TestSite } from '../support/stack';

export interface OffloadRecord {
	provider: string;
	bucket: string;
	endpoint?: string;
	key_prefix: string;
	keys: string[];
	local_removed: boolean;
}

/** A JPEG of one colour, different for every call: three "photo.jpg" that are not the same picture. */
export async function distinctJpeg(site: TestSite, width: number, height: number, seed: number): Promise<Buffer> {
	const base64 = await wpEval<string>(
		site,
		`$img = imagecreatetruecolor( ${width}, ${height} );
		imagefill( $img, 0, 0, imagecolorallocate( $img, ${(seed * 67) % 256}, ${(seed * 131) % 256}, ${(seed * 29) % 256} ) );
		imagefilledrectangle( $img, 0, 0, ${Math.floor(width / 4)}, ${Math.floor(height / 4)}, imagecolorallocate( $img, 255, 255, 255 ) );
		ob_start(); imagejpeg( $img, null, 90 ); return base64_encode( ob_get_clean() );`,
	);
	return Buffer.from(base64, 'base64');
}

/** Uploads bytes under a given file name through `POST /wp/v2/media`, as the block editor does. */
export async function uploadBytes(site: TestSite, bytes: Buffer, name: string, query = ''): Promise<RestAttachment> {
	const response = await restRequest(site, 'POST', `wp/v2/media${query}`, bytes, {
		'Content-Type': 'image/jpeg',
		'Content-Disposition': `attachment; filename="${name}"`,
	});
	if (response.status !== 201) throw new Error(`Upload of ${name} failed (${response.status}): ${response.body}`);
	return JSON.parse(response.body) as RestAttachment;
}

/**
 * A REST request sent with `Host: localhost:<port>`: WordPress 7.1 registers its client-side media routes
 * (sideload, finalize) only for secure contexts, which include localhost. The socket still goes to 127.0.0.1.
 */
export function restRequest(
	site: TestSite,
	method: string,
	route: string,
	body: Buffer | string | null,
	headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
	const url = new URL(`${site.restUrl}${route}`);
	return new Promise((resolve, reject) => {
		const request = http.request(
			{
				host: '127.0.0.1',
				port: url.port,
				path: url.pathname + url.search,
				method,
				headers: { ...headers, Host: `localhost:${url.port}`, Authorization: site.authHeader },
			},
			(response) => {
				const chunks: Buffer[] = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
			},
		);
		request.on('error', reject);
		request.end(body ?? undefined);
	});
}

export async function recordOf(site: TestSite, id: number): Promise<OffloadRecord | null> {
	return wpEval(site, `$r = get_post_meta( ${Number(id)}, '_wp_media_cloud', true ); return $r ? $r : null;`);
}

/** What a visitor's browser would load for every size of the attachment, read from WordPress (REST). */
export async function servedUrls(site: TestSite, id: number): Promise<Record<string, string>> {
	return wpEval(
		site,
		`$id = ${Number(id)}; clean_post_cache( $id ); $urls = array( 'full' => wp_get_attachment_url( $id ) );
		foreach ( (array) ( wp_get_attachment_metadata( $id )['sizes'] ?? array() ) as $name => $size ) { $urls[ $name ] = wp_get_attachment_image_url( $id, $name ); }
		return $urls;`,
	);
}

/** What the wp-admin image editor does on "Save" after one rotation: `wp_save_image()` for every size. */
export async function rotateInImageEditor(site: TestSite, id: number): Promise<string> {
	return wpEval<string>(
		site,
		`require_once ABSPATH . 'wp-admin/includes/image-edit.php'; require_once ABSPATH . 'wp-admin/includes/image.php';
		$_REQUEST['history'] = wp_json_encode( array( array( 'r' => 90 ) ) ); $_REQUEST['target'] = 'all'; $_REQUEST['context'] = '';
		$result = wp_save_image( ${Number(id)} ); return isset( $result->error ) ? $result->error : 'saved';`,
	);
}

/** Width and height from a JPEG's start-of-frame marker. */
export function jpegSize(bytes: Buffer): { width: number; height: number } | null {
	let at = 2;
	while (at + 9 < bytes.length && bytes[at] === 0xff) {
		const marker = bytes[at + 1];
		const length = bytes.readUInt16BE(at + 2);
		if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
			return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
		}
		at += 2 + length;
	}
	return null;
}

/** Fetches every URL; resolves with the HTTP status of each. */
export async function statuses(urls: Record<string, string>): Promise<Record<string, number>> {
	const result: Record<string, number> = {};
	for (const [name, url] of Object.entries(urls)) result[name] = (await fetch(url)).status;
	return result;
}

export const localFilesOf = (site: TestSite, files: string[]) => files.filter((file) => fs.existsSync(path.join(site.uploadsDir, file)));

export { phpString };
