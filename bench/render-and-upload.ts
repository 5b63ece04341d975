// Benchmark: what the plugin costs a visitor's page view and an editor's upload.
//   npx tsx bench/render-and-upload.ts [--requests=200] [--uploads=15]
// Rendering: a published page with 100 offloaded images (image blocks with srcset + a gallery of the same
// images), median server time and database queries per request, plugin active vs inactive.
// Upload: POST /wp/v2/media of a 3000×2000 JPEG, median wall time with offload vs plugin inactive.
import fs from 'node:fs';
import path from 'node:path';
import { authHeader } from '../bin/dev/site';
import { median, percent, startBenchStack, type BenchStack } from './support/bench-stack';

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')));
const REQUESTS = Number(args.requests ?? 200);
const UPLOADS = Number(args.uploads ?? 15);
const IMAGES = 100;
const PHOTO = fs.readFileSync(path.join(__dirname, '..', 'test', 'fixtures', 'photo-3000x2000.jpg'));
const PLUGIN = 'wp-media-cloud/wp-media-cloud.php';

/** An mu-plugin (bench site only) that reports server time and query count at the end of the HTML. */
const PROBE = `<?php
add_action( 'shutdown', static function () {
	if ( PHP_SAPI !== 'cli' && ! defined( 'REST_REQUEST' ) && ! wp_doing_ajax() ) {
		global $wpdb;
		printf( "\\n<!-- bench: %.6f %d -->", microtime( true ) - $_SERVER['REQUEST_TIME_FLOAT'], $wpdb->num_queries );
	}
}, PHP_INT_MAX );
`;

async function preparePage(stack: BenchStack): Promise<{ url: string; id: number }> {
	fs.mkdirSync(path.join(stack.site.dir, 'wp-content', 'mu-plugins'), { recursive: true });
	fs.writeFileSync(path.join(stack.site.dir, 'wp-content', 'mu-plugins', 'bench-probe.php'), PROBE);
	// 100 distinct images, offloaded through the real upload hook (a 1200×800 source gets 4–5 sizes each).
	return stack.wpEval<{ url: string; id: number }>(`
		require_once ABSPATH . 'wp-admin/includes/image.php';
		$uploads = wp_get_upload_dir();
		wp_mkdir_p( $uploads['path'] );
		$ids = array();
		for ( $i = 0; $i < ${IMAGES}; $i++ ) {
			$image = new Imagick();
			$image->newPseudoImage( 1200, 800, 'gradient:#' . substr( md5( (string) $i ), 0, 6 ) . '-#' . substr( md5( "x$i" ), 0, 6 ) );
			$image->setImageFormat( 'jpeg' );
			$file = $uploads['path'] . "/bench-image-$i.jpg";
			$image->writeImage( $file );
			$id = wp_insert_attachment( array( 'post_mime_type' => 'image/jpeg', 'post_title' => "Bench $i", 'post_status' => 'inherit' ), $file );
			wp_update_attachment_metadata( $id, wp_generate_attachment_metadata( $id, $file ) );
			$ids[] = $id;
		}
		$offloaded = 0;
		foreach ( $ids as $id ) { $offloaded += get_post_meta( $id, '_wp_media_cloud', true ) ? 1 : 0; }
		if ( $offloaded !== count( $ids ) ) { throw new Exception( "only $offloaded of " . count( $ids ) . ' images were offloaded' ); }
		$content = '';
		foreach ( $ids as $id ) {
			$local = $uploads['url'] . '/' . wp_basename( wp_get_attachment_image_src( $id, 'large' )[0] );
			$content .= sprintf( '<!-- wp:image {"id":%1$d,"sizeSlug":"large"} --><figure class="wp-block-image size-large"><img src="%2$s" alt="" class="wp-image-%1$d"/></figure><!-- /wp:image -->', $id, esc_url( $local ) );
		}
		$content .= '<!-- wp:shortcode -->[gallery ids="' . implode( ',', $ids ) . '" size="medium"]<!-- /wp:shortcode -->';
		$page = wp_insert_post( array( 'post_type' => 'page', 'post_title' => 'Bench page', 'post_status' => 'publish', 'post_content' => $content ) );
		return array( 'url' => get_permalink( $page ), 'id' => $page );
	`);
}

/**
 * The same page's content filters in one PHP process, with the plugin's hooks on and off in turn
 * (Plugin::tear_down() removes exactly what setup() added): CPU time without HTTP and server noise.
 */
async function measureInProcess(
	stack: BenchStack,
	pageId: number,
	rounds: number,
): Promise<{ on: number; off: number; queriesOn: number; queriesOff: number }> {
	return stack.wpEval(`
		global $wpdb, $post;
		$post = get_post( ${pageId} );
		setup_postdata( $post );
		$render = function () use ( $post, $wpdb ) {
			$queries = $wpdb->num_queries;
			$started = hrtime( true );
			$html = apply_filters( 'the_content', $post->post_content );
			return array( ( hrtime( true ) - $started ) / 1e6, $wpdb->num_queries - $queries, $html );
		};
		$render();
		$on = $off = array();
		for ( $i = 0; $i < ${rounds}; $i++ ) {
			\\WP_Media_Cloud\\Plugin::tear_down();
			list( $off[], $queries_off ) = $render();
			\\WP_Media_Cloud\\Plugin::setup();
			list( $on[], $queries_on, $html ) = $render();
		}
		if ( false === strpos( $html, '${stack.site.bucket}' ) ) { throw new Exception( 'content was not rewritten' ); }
		sort( $on ); sort( $off );
		return array( 'on' => $on[ intdiv( count( $on ), 2 ) ], 'off' => $off[ intdiv( count( $off ), 2 ) ], 'queriesOn' => $queries_on, 'queriesOff' => $queries_off );
	`);
}

async function measurePage(url: string, expectHost: string, count: number): Promise<{ ms: number; queries: number }> {
	const times: number[] = [];
	let queries = 0;
	for (let i = 0; i < count; i++) {
		const html = await (await fetch(url)).text();
		const match = html.match(/<!-- bench: ([\d.]+) (\d+) -->/);
		if (!match) throw new Error('the bench probe did not report');
		if (!html.includes(expectHost)) throw new Error(`the page does not contain ${expectHost} URLs`);
		times.push(Number(match[1]) * 1000);
		queries = Number(match[2]);
	}
	return { ms: median(times), queries };
}

async function measureUploads(stack: BenchStack, count: number): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < count; i++) {
		const started = performance.now();
		const response = await fetch(`${stack.site.restUrl}wp/v2/media`, {
			method: 'POST',
			headers: {
				Authorization: authHeader(stack.site),
				'Content-Type': 'image/jpeg',
				'Content-Disposition': `attachment; filename="upload-bench-${i}.jpg"`,
			},
			body: PHOTO,
		});
		if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
		times.push(performance.now() - started);
	}
	return median(times);
}

async function setActive(stack: BenchStack, active: boolean): Promise<void> {
	await stack.wpEval(active ? `return activate_plugin( '${PLUGIN}' );` : `deactivate_plugins( '${PLUGIN}' ); return true;`);
}

async function main() {
	const stack = await startBenchStack('bench', 8896);
	try {
		const page = await preparePage(stack);
		const pageUrl = page.url;
		const bucketHost = `127.0.0.1:${stack.site.s3Port}/${stack.site.bucket}/`;
		const localHost = `${stack.site.url}/wp-content/uploads/`;
		await measurePage(pageUrl, bucketHost, 20); // warm OPcache and MariaDB buffers

		// Alternate rounds so drift on a shared machine hits both sides alike.
		const active: number[] = [];
		const inactive: number[] = [];
		let queries = { active: 0, inactive: 0 };
		const rounds = 5;
		for (let round = 0; round < rounds; round++) {
			await setActive(stack, false);
			const off = await measurePage(pageUrl, localHost, REQUESTS / rounds);
			await setActive(stack, true);
			const on = await measurePage(pageUrl, bucketHost, REQUESTS / rounds);
			inactive.push(off.ms);
			active.push(on.ms);
			queries = { active: on.queries, inactive: off.queries };
		}

		const inProcess = await measureInProcess(stack, page.id, 40);

		// Uploads alternate the same way, a few at a time.
		const uploadsOff: number[] = [];
		const uploadsOn: number[] = [];
		for (let round = 0; round < rounds; round++) {
			await setActive(stack, false);
			uploadsOff.push(await measureUploads(stack, Math.ceil(UPLOADS / rounds)));
			await setActive(stack, true);
			uploadsOn.push(await measureUploads(stack, Math.ceil(UPLOADS / rounds)));
		}
		const uploadOff = median(uploadsOff);
		const uploadOn = median(uploadsOn);

		const render = { inactive: median(inactive), active: median(active) };
		console.log(
			JSON.stringify(
				{ images: IMAGES, requests: REQUESTS, render, queries, inProcess, uploads: UPLOADS, upload: { inactive: uploadOff, active: uploadOn } },
				null,
				2,
			),
		);
		console.log(
			`render: ${render.inactive.toFixed(2)} ms → ${render.active.toFixed(2)} ms (${percent(render.active, render.inactive)}), queries ${queries.inactive} → ${queries.active}`,
		);
		console.log(
			`the_content in process: ${inProcess.off.toFixed(2)} ms → ${inProcess.on.toFixed(2)} ms (${percent(inProcess.on, inProcess.off)}), queries ${inProcess.queriesOff} → ${inProcess.queriesOn}`,
		);
		console.log(`upload: ${uploadOff.toFixed(0)} ms → ${uploadOn.toFixed(0)} ms (${percent(uploadOn, uploadOff)})`);
	} finally {
		await stack.stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
