// Seeds a site with attachments (offloaded or not) and posts whose content, excerpt and meta hold upload URLs
// in every stored form, and builds the expected results independently of the plugin's PHP.
//
// The attachments are real WordPress attachments with the offload record the plugin saves after an upload
// (Offload_Record::save); the files themselves are not uploaded: URL Replace only reads those records.
// Posts get their own post type so a run scoped to it never touches what other tests left on the site.
import { phpValue } from '../../bin/dev/wp-eval';
import { wpEval, type TestSite } from '../support/stack';

export const POST_TYPE = 'wpmc_urltest';
export const DIR = '2099/01';
const EDIT = 'e1700000000000';
const VERSIONED = 'wp-content/uploads/20240101120000/';

export interface Seed {
	tag: string;
	/** Local uploads base (`http://127.0.0.1:8890/wp-content/uploads`) and the current cloud base. */
	local: string;
	cloud: string;
	attachments: number[];
	posts: { content: number; meta: number; foreign: number };
	/** meta_id by meta key. */
	meta: Record<string, number>;
	/** Every seeded raw value, keyed `posts:<id>:<column>` or `postmeta:<meta_id>`. */
	raw: Record<string, string>;
}

/** File names (under DIR) of the seeded attachments, for a tag. */
export function files(tag: string) {
	return {
		photoScaled: `${tag}-photo-scaled.jpg`,
		photo: `${tag}-photo.jpg`,
		photo300: `${tag}-photo-300x200.jpg`,
		photo1024: `${tag}-photo-1024x683.jpg`,
		photo150: `${tag}-photo-150x150.jpg`, // a size that was never offloaded
		edited300: `${tag}-edited-${EDIT}-300x200.jpg`,
		unicode: `${tag}-grüße.jpg`,
		unicodeEncoded: `${encodeURIComponent(`${tag}-grüße`)}.jpg`,
		localOnly: `${tag}-local-only.jpg`,
		nothing: `${tag}-nothing-here.jpg`,
	};
}

/** The object key prefix of each offloaded file (the edited image was offloaded with versioning on). */
export function keyPrefix(file: string): string {
	return file.includes(`-${EDIT}`) ? VERSIONED : 'wp-content/uploads/';
}

/** The post content seeded: HTML, block-comment JSON, protocol-relative and https forms, a sentence's full stop. */
export function postContent(local: string, bare: string, tag: string): string {
	const f = files(tag);
	const u = (file: string) => `${local}/${DIR}/${file}`;
	return [
		`<!-- wp:image {"id":1,"url":"${u(f.photoScaled)}"} -->`,
		`<figure><img src="${u(f.photo300)}" srcset="${u(f.photo300)} 300w, ${u(f.photo1024)} 1024w" alt="Größe ✓"></figure>`,
		`<p><a href="${bare}/${DIR}/${f.photo}">original</a> and https:${bare}/${DIR}/${f.edited300}.</p>`,
		`<p>${u(f.localOnly)} ${u(f.nothing)} ${u(f.photo150)}</p>`,
	].join('\n');
}

export async function seed(site: TestSite, tag: string): Promise<Seed> {
	const f = files(tag);
	return wpEval<Seed>(
		site,
		`
    use WP_Media_Cloud\\Offload_Record;
    use WP_Media_Cloud\\Public_Url;
    use WP_Media_Cloud\\Settings;
    global $wpdb;
    $f     = ${phpValue(f)};
    $dir   = ${phpValue(DIR)};
    $local = untrailingslashit( wp_get_upload_dir()['baseurl'] );
    $u     = fn ( $file ) => "$local/$dir/$file";
    $attach = function ( $file, $meta, $prefix = null, $keys = array() ) use ( $dir ) {
      $id = wp_insert_attachment( array( 'post_title' => $file, 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), false );
      update_post_meta( $id, '_wp_attached_file', "$dir/$file" );
      update_post_meta( $id, '_wp_attachment_metadata', $meta + array( 'file' => "$dir/$file" ) );
      if ( null !== $prefix ) {
        Offload_Record::save( $id, $prefix, array_map( fn ( $k ) => $prefix . "$dir/$k", $keys ), false );
      }
      return $id;
    };
    $size = fn ( $file ) => array( 'file' => $file, 'mime-type' => 'image/jpeg' );
    $attachments = array(
      $attach( $f['photoScaled'], array( 'original_image' => $f['photo'], 'sizes' => array( 'medium' => $size( $f['photo300'] ), 'large' => $size( $f['photo1024'] ) ) ),
        'wp-content/uploads/', array( $f['photoScaled'], $f['photo'], $f['photo300'], $f['photo1024'] ) ),
      $attach( str_replace( '-300x200', '', $f['edited300'] ), array( 'sizes' => array( 'medium' => $size( $f['edited300'] ) ) ),
        ${phpValue(VERSIONED)}, array( str_replace( '-300x200', '', $f['edited300'] ), $f['edited300'] ) ),
      $attach( $f['unicode'], array(), 'wp-content/uploads/', array( $f['unicode'] ) ),
      $attach( $f['localOnly'], array() ),
    );

    kses_remove_filters(); // Content as a page builder saves it, not as a user without unfiltered_html would.
    $insert_post = fn ( $content, $excerpt = '' ) => wp_insert_post( wp_slash( array( 'post_type' => ${phpValue(POST_TYPE)}, 'post_status' => 'publish', 'post_title' => 'URL Replace test', 'post_content' => $content, 'post_excerpt' => $excerpt ) ) );
    $seed_posts = array(
      'content' => $insert_post( str_replace( array( '__LOCAL__', '__BARE__' ), array( $local, preg_replace( '#^https?:#', '', $local ) ), ${phpValue(postContent('__LOCAL__', '__BARE__', tag))} ), "See $local/$dir/{$f['unicodeEncoded']} too" ),
      'meta'    => $insert_post( 'No URLs here.' ),
      'foreign' => $insert_post( 'Nor here.' ),
    );

    $builder = array( array(
      'id' => 'a1',
      'settings' => array(
        'image' => array( 'url' => $u( $f['photoScaled'] ), 'id' => 5 ),
        'gallery' => array( array( 'url' => $u( $f['edited300'] ) ), array( 'url' => $u( $f['localOnly'] ) ), array( 'url' => $u( $f['unicode'] ) ) ),
        'title' => 'Größe ✓ – 日本語',
      ),
      'elements' => array( array( 'settings' => array( 'inner' => wp_json_encode( array( 'bg' => $u( $f['photo1024'] ) ) ) ) ) ),
    ) );
    $serialized = array(
      'hero'   => array( 'src' => $u( $f['photoScaled'] ), 'caption' => 'Größe ✓ 日本語 😀' ),
      'list'   => array( $u( $f['photo300'] ), '//' . preg_replace( '#^https?://#', '', $local ) . "/$dir/{$f['photo']}" ),
      'obj'    => (object) array( 'src' => $u( $f['edited300'] ) ),
      'json'   => wp_json_encode( array( 'u' => $u( $f['photo1024'] ) ) ),
      'nested' => serialize( array( 'deep' => $u( $f['unicode'] ), 'note' => 'ü' ) ),
      'keep'   => $u( $f['localOnly'] ),
    );
    $foreign_url = $u( $f['photo'] );
    $metas = array(
      '_urlr_builder_json'       => wp_json_encode( $builder ),
      '_urlr_builder_serialized' => serialize( $serialized ),
      '_urlr_plain'              => $u( $f['unicode'] ),
    );
    $meta = array();
    foreach ( $metas as $key => $value ) {
      $wpdb->insert( $wpdb->postmeta, array( 'post_id' => $seed_posts['meta'], 'meta_key' => $key, 'meta_value' => $value ) );
      $meta[ $key ] = (int) $wpdb->insert_id;
    }
    $wpdb->insert( $wpdb->postmeta, array( 'post_id' => $seed_posts['foreign'], 'meta_key' => '_urlr_widget', 'meta_value' => 'O:11:"Urlr_Widget":1:{s:3:"img";s:' . strlen( $foreign_url ) . ':"' . $foreign_url . '";}' ) );
    $meta['_urlr_widget'] = (int) $wpdb->insert_id;

    return array(
      'local' => $local, 'cloud' => Public_Url::base( (string) Settings::get( 'bucket' ) ),
      'attachments' => $attachments, 'posts' => $seed_posts, 'meta' => $meta,
    );
    `,
	).then(async (seeded) => ({ ...seeded, tag, raw: await readRaw(site, seeded as Seed) }));
}

/** Every seeded raw value as stored, byte for byte. */
export async function readRaw(site: TestSite, seeded: Pick<Seed, 'posts' | 'meta'>): Promise<Record<string, string>> {
	return wpEval<Record<string, string>>(
		site,
		`global $wpdb; $out = array();
    foreach ( ${phpValue(Object.values(seeded.posts))} as $id ) {
      $row = $wpdb->get_row( $wpdb->prepare( "SELECT post_content, post_excerpt FROM {$wpdb->posts} WHERE ID = %d", $id ) );
      $out["posts:$id:post_content"] = $row->post_content; $out["posts:$id:post_excerpt"] = $row->post_excerpt;
    }
    foreach ( ${phpValue(Object.values(seeded.meta))} as $id ) {
      $out["postmeta:$id"] = $wpdb->get_var( $wpdb->prepare( "SELECT meta_value FROM {$wpdb->postmeta} WHERE meta_id = %d", $id ) );
    }
    return $out;`,
	);
}

/** Removes the seeded posts, attachments and their meta straight from the tables (no hooks, no file deletions). */
export async function unseed(site: TestSite, seeded: Seed): Promise<void> {
	const ids = [...seeded.attachments, ...Object.values(seeded.posts)];
	await wpEval(
		site,
		`global $wpdb; foreach ( ${phpValue(ids)} as $id ) {
      $wpdb->delete( $wpdb->postmeta, array( 'post_id' => $id ) ); $wpdb->delete( $wpdb->posts, array( 'ID' => $id ) ); clean_post_cache( $id );
    }
    // Records removed past the hooks that keep the plugin's record count: the next read counts them again (left
    // behind, the count stayed high and a later suite saw too few attachments not offloaded).
    delete_option( 'wp_media_cloud_record_count' ); delete_option( 'wp_media_cloud_library_counts' );
    return true;`,
	);
}
