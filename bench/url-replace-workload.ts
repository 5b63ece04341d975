// A synthetic library for measuring URL Replace at scale, shared by bench/url-replace.ts and the scale test:
// 50 offloaded attachments and N posts of one post type, each with ~2 KB of HTML holding two upload URLs (one
// offloaded, one not) and a serialized page-builder meta value holding one more. Rows go in with multi-row
// INSERTs: creating 5,000 posts through wp_insert_post() would take minutes and measure nothing of ours.
type Eval = <T>(php: string) => Promise<T>;

export interface LibraryStats {
	seconds: number;
	/** Bytes above the memory in use before the work started (memory_reset_peak_usage()). */
	peakBytes: number;
	rows: number;
	urls: number;
}

export async function seedLibrary(wpEval: Eval, postType: string, posts: number): Promise<void> {
	await wpEval(`
    use WP_Media_Cloud\\Offload_Record;
    global $wpdb;
    $type  = ${JSON.stringify(postType)};
    $local = untrailingslashit( wp_get_upload_dir()['baseurl'] );
    if ( ! get_option( "urlr_bench_attachments_$type" ) ) {
      $ids = array();
      for ( $i = 0; $i < 50; $i++ ) {
        $file = "2098/01/$type-img-$i.jpg";
        $id   = wp_insert_attachment( array( 'post_title' => $file, 'post_mime_type' => 'image/jpeg', 'post_status' => 'inherit' ), false );
        update_post_meta( $id, '_wp_attached_file', $file );
        Offload_Record::save( $id, 'wp-content/uploads/', array( "wp-content/uploads/$file", "wp-content/uploads/2098/01/$type-img-$i-300x200.jpg" ), false );
        $ids[] = $id;
      }
      update_option( "urlr_bench_attachments_$type", $ids, false );
    }
    $filler = str_repeat( '<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p>', 18 );
    $now    = current_time( 'mysql', true );
    for ( $done = 0; $done < ${posts}; $done += 250 ) {
      $values = array();
      for ( $n = $done; $n < min( ${posts}, $done + 250 ); $n++ ) {
        $content  = '<!-- wp:image --><img src="' . "$local/2098/01/$type-img-" . ( $n % 50 ) . '-300x200.jpg"><!-- /wp:image -->' . $filler
          . '<a href="' . "$local/2098/01/not-offloaded-$n.pdf" . '">PDF</a>';
        $values[] = $wpdb->prepare( '(1, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)', $now, $now, $content, "Bench $n", '', 'publish', "$type-$n", '', '', $now, $now, '', $type, '' );
      }
      $wpdb->query( "INSERT INTO {$wpdb->posts} (post_author, post_date, post_date_gmt, post_content, post_title, post_excerpt, post_status, post_name, to_ping, pinged, post_modified, post_modified_gmt, post_content_filtered, post_type, guid) VALUES " . implode( ',', $values ) );
    }
    $ids = $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s AND ID NOT IN (SELECT post_id FROM {$wpdb->postmeta} WHERE meta_key = '_bench_builder')", $type ) );
    foreach ( array_chunk( $ids, 250 ) as $chunk ) {
      $values = array();
      foreach ( $chunk as $id ) {
        $data     = serialize( array( 'hero' => array( 'src' => "$local/2098/01/$type-img-" . ( $id % 50 ) . '.jpg', 'title' => 'Größe ✓' ), 'layout' => array_fill( 0, 10, 'column' ) ) );
        $values[] = $wpdb->prepare( '(%d, %s, %s)', $id, '_bench_builder', $data );
      }
      $wpdb->query( "INSERT INTO {$wpdb->postmeta} (post_id, meta_key, meta_value) VALUES " . implode( ',', $values ) );
    }
    return true;
  `);
}

/** Times a full scan (scan) or a whole dry run / replace / undo in one PHP process, with its peak memory. */
export async function measure(
	wpEval: Eval,
	postTypes: string[],
	what: 'scan' | 'dry-run' | 'replace' | 'undo',
	undoId = '',
): Promise<LibraryStats & { id?: string }> {
	return wpEval(`
    use WP_Media_Cloud\\Url_Replace\\Replacer;
    use WP_Media_Cloud\\Url_Replace\\Runs;
    $types = ${JSON.stringify(postTypes)};
    gc_collect_cycles();
    $before = memory_get_usage();
    memory_reset_peak_usage();
    $started = microtime( true );
    switch ( ${JSON.stringify(what)} ) {
      case 'scan':
        $r = Replacer::scan( array( 'direction' => 'to-cloud', 'post_types' => $types, 'limit' => 100 ) );
        $out = array( 'rows' => $r['rows_scanned'], 'urls' => $r['total'] );
        break;
      case 'undo':
        $r = Runs::undo( ${JSON.stringify(undoId)}, 1e9 );
        $out = array( 'rows' => $r['restored'], 'urls' => 0, 'id' => $r['id'] );
        break;
      default:
        $r = Runs::start( array( 'direction' => 'to-cloud', 'dry_run' => ${JSON.stringify(what)} === 'dry-run', 'post_types' => $types ), 1e9 );
        $out = array( 'rows' => $r['processed'], 'urls' => $r['urls'], 'id' => $r['id'] );
    }
    return $out + array( 'seconds' => microtime( true ) - $started, 'peakBytes' => memory_get_peak_usage() - $before );
  `);
}

export async function removeLibrary(wpEval: Eval, postType: string): Promise<void> {
	await wpEval(`
    global $wpdb;
    $type = ${JSON.stringify(postType)};
    $ids  = array_merge( $wpdb->get_col( $wpdb->prepare( "SELECT ID FROM {$wpdb->posts} WHERE post_type = %s", $type ) ), (array) get_option( "urlr_bench_attachments_$type", array() ) );
    foreach ( array_chunk( array_map( 'intval', $ids ), 500 ) as $chunk ) {
      $in = implode( ',', $chunk );
      $wpdb->query( "DELETE FROM {$wpdb->postmeta} WHERE post_id IN ($in)" );
      $wpdb->query( "DELETE FROM {$wpdb->posts} WHERE ID IN ($in)" );
    }
    delete_option( "urlr_bench_attachments_$type" );
    wp_cache_flush();
    return true;
  `);
}
