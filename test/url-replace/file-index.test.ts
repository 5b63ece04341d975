// URL Replace finds attachments through an index by file (Attached_File_Index): the scan must see every way an
// attachment's file comes to be, or changes: an upload through WordPress, a file changed by the image editor or a
// regeneration (update_attached_file), an attachment written by bulk SQL around WordPress, a deletion, and an
// index made stale behind WordPress's back (a direct UPDATE of `_wp_attached_file`), where the reverse direction
// must still bring the cloud URL back to a local one rather than leave it pointing at a bucket being left.
import { phpValue } from '../../bin/dev/wp-eval';
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';
import { rest } from '../support/rest';

const POST_TYPE = 'wpmc_fileidx';
const DIR = '2097/03';

interface Found {
	old_url: string;
	new_url: string;
}
interface Skipped {
	url: string;
	reason: string;
}
interface Scan {
	items: Found[];
	not_offloaded: Skipped[];
}

/** An attachment with an offload record for its file, made through WordPress's API or by plain SQL. */
async function attachment(site: TestSite, file: string, how: 'api' | 'sql'): Promise<number> {
	return wpEval<number>(
		site,
		`
    use WP_Media_Cloud\\Offload_Record;
    global $wpdb;
    $file = ${phpValue(`${DIR}/${file}`)};
    if ( 'api' === ${phpValue(how)} ) {
      $id = wp_insert_attachment( array( 'post_title' => 'idx', 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), false );
      update_attached_file( $id, $file );
    } else {
      $wpdb->insert( $wpdb->posts, array( 'post_title' => 'idx', 'post_type' => 'attachment', 'post_status' => 'inherit', 'post_mime_type' => 'image/jpeg', 'post_content' => '', 'post_excerpt' => '', 'to_ping' => '', 'pinged' => '', 'post_content_filtered' => '' ) );
      $id = (int) $wpdb->insert_id;
      $wpdb->insert( $wpdb->postmeta, array( 'post_id' => $id, 'meta_key' => '_wp_attached_file', 'meta_value' => $file ) );
    }
    Offload_Record::save( $id, 'wp-content/uploads/', array( "wp-content/uploads/$file" ), false );
    return $id;
  `,
	);
}

/** A post of the test's own type whose content links these files. */
async function post(site: TestSite, files: string[]): Promise<number> {
	return wpEval<number>(
		site,
		`
    $base = untrailingslashit( wp_get_upload_dir()['baseurl'] );
    $html = '';
    foreach ( ${phpValue(files)} as $file ) {
      $html .= '<img src="' . $base . '/${DIR}/' . $file . '">';
    }
    return wp_insert_post( array( 'post_type' => ${phpValue(POST_TYPE)}, 'post_status' => 'publish', 'post_title' => 'idx', 'post_content' => $html ) );
  `,
	);
}

async function scan(site: TestSite, direction = 'to-cloud'): Promise<Scan> {
	const { status, body } = await rest<Scan>(site, 'POST', '/url-replace/scans', { direction, post_types: [POST_TYPE] });
	expect(status).toBe(200);
	return body;
}

const fileOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const reasons = (s: Scan) => Object.fromEntries(s.not_offloaded.map((x) => [fileOf(x.url), x.reason]));
const replaced = (s: Scan) => s.items.map((i) => fileOf(i.old_url)).sort();

describe.each<SiteKind>(['sqlite', 'mariadb'])('URL Replace finds attachments by file on the %s site', (kind) => {
	const site = getSite(kind);
	const tag = `fi${Date.now().toString(36)}`;
	const name = (what: string) => `${tag}-${what}.jpg`;
	const ids: number[] = [];

	afterAll(async () => {
		await wpEval(
			site,
			`
      global $wpdb;
      foreach ( get_posts( array( 'post_type' => ${phpValue(POST_TYPE)}, 'numberposts' => -1, 'fields' => 'ids', 'post_status' => 'any' ) ) as $id ) {
        wp_delete_post( $id, true );
      }
      foreach ( ${phpValue(ids)} as $id ) {
        wp_delete_attachment( $id, true );
      }
      delete_option( 'wp_media_cloud_record_count' );
      return true;
    `,
		);
	});

	test('uploads through WordPress, files changed by update_attached_file and attachments written by SQL are all found', async () => {
		const uploaded = await attachment(site, name('uploaded'), 'api');
		const edited = await attachment(site, name('before-edit'), 'api');
		const imported = await attachment(site, name('imported'), 'sql');
		ids.push(uploaded, edited, imported);
		// The image editor and regenerations move an attachment to a new file through update_attached_file().
		await wpEval(
			site,
			`
      use WP_Media_Cloud\\Offload_Record;
      update_attached_file( ${edited}, ${phpValue(`${DIR}/${name('after-edit')}`)} );
      Offload_Record::save( ${edited}, 'wp-content/uploads/', array( ${phpValue(`wp-content/uploads/${DIR}/${name('after-edit')}`)} ), false );
      return true;
    `,
		);
		await post(site, [name('uploaded'), name('after-edit'), name('imported'), name('before-edit'), name('never-uploaded')]);

		const result = await scan(site);
		expect(replaced(result)).toEqual([name('after-edit'), name('imported'), name('uploaded')].sort());
		// The file the attachment had before the edit is no attachment's file any more.
		expect(reasons(result)).toEqual({ [name('before-edit')]: 'no_attachment', [name('never-uploaded')]: 'no_attachment' });
	});

	test('a deleted attachment is no longer found, and its index row goes with it', async () => {
		const gone = await attachment(site, name('deleted'), 'api');
		await post(site, [name('deleted')]);
		expect(replaced(await scan(site))).toContain(name('deleted'));
		const left = await wpEval<number>(
			site,
			`
      global $wpdb;
      wp_delete_attachment( ${gone}, true );
      return (int) $wpdb->get_var( $wpdb->prepare( "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE post_id = %d", ${gone} ) );
    `,
		);
		expect(left).toBe(0);
		expect(reasons(await scan(site))[name('deleted')]).toBe('no_attachment');
	});

	test('towards local URLs, an attachment the index missed (file changed by direct SQL) is still brought back', async () => {
		const moved = await attachment(site, name('sql-old'), 'api');
		ids.push(moved);
		const cloudUrl = await wpEval<string>(
			site,
			`
      global $wpdb;
      $wpdb->update( $wpdb->postmeta, array( 'meta_value' => ${phpValue(`${DIR}/${name('sql-new')}`)} ), array( 'post_id' => ${moved}, 'meta_key' => '_wp_attached_file' ) );
      wp_cache_flush();
      WP_Media_Cloud\\Offload_Record::save( ${moved}, 'wp-content/uploads/', array( ${phpValue(`wp-content/uploads/${DIR}/${name('sql-new')}`)} ), false );
      $url = WP_Media_Cloud\\Public_Url::base( (string) WP_Media_Cloud\\Settings::get( 'bucket' ) ) . '/wp-content/uploads/' . ${phpValue(`${DIR}/${name('sql-new')}`)};
      wp_insert_post( array( 'post_type' => ${phpValue(POST_TYPE)}, 'post_status' => 'publish', 'post_title' => 'idx', 'post_content' => '<img src="' . $url . '">' ) );
      return $url;
    `,
		);
		const result = await scan(site, 'to-local');
		const back = result.items.find((i) => i.old_url === cloudUrl);
		expect(back?.new_url).toMatch(new RegExp(`/wp-content/uploads/${DIR}/${name('sql-new')}$`));
	});
});
