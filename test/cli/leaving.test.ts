// Leaving safely. The Plugins screen warns, with the count and a "Download back first" link, while attachments
// exist only in the bucket, and its Deactivate link asks first. Deleting the plugin (`wp plugin uninstall`, real
// WP-CLI, on a throwaway site) removes the settings with the keys, every option and transient of the plugin, the
// pending markers, the retry event, setup's block in wp-config.php and the background sidecar; it keeps the offload
// records unless WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL is defined.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pluginDir } from '../../bin/dev/paths';
import { portInUse } from '../../bin/dev/processes';
import { getSite, wpEval, type SiteKind, type TestSite } from '../support/stack';
import { withWpCli } from '../support/wp-cli';
import { makeTempSite, type TempSite } from './temp-site';

/** Logs in through wp-login.php as the test admin; returns the Cookie header for wp-admin pages. */
async function logIn(site: TestSite): Promise<string> {
	const response = await fetch(`${site.url}/wp-login.php`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: 'wordpress_test_cookie=WP%20Cookie%20check' },
		body: new URLSearchParams({ log: site.admin.user, pwd: site.admin.password, testcookie: '1', redirect_to: `${site.url}/wp-admin/` }).toString(),
	});
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
	if (!cookies.some((cookie) => cookie.startsWith('wordpress_logged_in_'))) throw new Error(`login failed: HTTP ${response.status}`);
	return cookies.join('; ');
}

/** Attachments whose records say their local copies were removed, counted straight from the table. */
const removedCount = (site: TestSite) =>
	wpEval<number>(
		site,
		`global $wpdb; return (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->postmeta} m JOIN {$wpdb->posts} p ON p.ID = m.post_id WHERE p.post_type = 'attachment' AND m.meta_key = '_wp_media_cloud' AND m.meta_value LIKE '%s:13:\\"local_removed\\";b:1;%'" );`,
	);

/** Attachment rows with a record (no files: nothing is uploaded or deleted); `removed` of them without local copies. */
const addRecords = (site: TestSite, total: number, removed: number) =>
	wpEval<number[]>(
		site,
		`$ids = array();
		for ( $i = 0; $i < ${total}; $i++ ) {
			$id = wp_insert_attachment( array( 'post_title' => 'leaving-' . $i, 'post_mime_type' => 'image/jpeg' ), '2020/01/leaving-' . $i . '.jpg' );
			update_post_meta( $id, '_wp_media_cloud', array( 'provider' => 's3-compatible', 'bucket' => 'leaving', 'key_prefix' => 'x/', 'keys' => array( 'x/2020/01/leaving-' . $i . '.jpg' ), 'offloaded_at' => time(), 'local_removed' => $i < ${removed} ) );
			$ids[] = $id;
		}
		return $ids;`,
	);

/** Removes them without mirror deletion (the record goes first). */
const removeRecords = (site: TestSite, ids: number[]) =>
	wpEval(site, `foreach ( ${JSON.stringify(ids)} as $id ) { delete_post_meta( $id, '_wp_media_cloud' ); wp_delete_attachment( $id, true ); } return true;`);

describe.each(['sqlite', 'mariadb'] as SiteKind[])('the Plugins screen (%s site)', (kind) => {
	const site = getSite(kind);

	test('warns with the count of attachments only in the bucket and links to Download back; the Deactivate link asks first', async () => {
		const cookie = await logIn(site);
		const plugins = () => fetch(`${site.url}/wp-admin/plugins.php`, { headers: { Cookie: cookie } }).then((response) => response.text());
		const before = await removedCount(site);
		const ids = await addRecords(site, 4, 3);
		try {
			const count = before + 3;
			const html = await plugins();
			const notice = /<div class="notice notice-warning" id="wp-media-cloud-deactivation-warning">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
			expect(notice).toContain(`WP Media Cloud: ${count.toLocaleString('en-US')} attachments are only in your bucket (their local copies were removed).`);
			expect(notice).toContain('Deactivating or deleting the plugin now breaks their images on every page');
			expect(notice).toContain(`href="${site.url}/wp-admin/admin.php?page=media-cloud-tools">Download back first</a>`);
			const deactivate =
				/<span class=['"]deactivate['"]>(<a [^>]*>)/.exec(html.slice(html.indexOf('data-plugin="wp-media-cloud/wp-media-cloud.php"')))?.[1] ?? '';
			expect(deactivate).toContain('onclick="return window.confirm(&quot;');
			expect(deactivate).toContain(
				`${count.toLocaleString('en-US')} attachments are only in your bucket: deactivating WP Media Cloud breaks their images.`,
			);
			expect(deactivate).toContain('action=deactivate');
		} finally {
			await removeRecords(site, ids);
		}
		if (before === 0) {
			const html = await plugins();
			expect(html).toContain('data-plugin="wp-media-cloud/wp-media-cloud.php"');
			expect(html).not.toContain('wp-media-cloud-deactivation-warning');
			expect(html).not.toContain('return window.confirm(');
		}
	});
});

withWpCli(describe, 'the uninstall tests')('wp plugin uninstall (real WP-CLI, temporary site)', () => {
	const PORT = 8797;
	let site: TempSite;
	const pluginFolder = () => path.join(site.dir, 'wp-content', 'plugins', 'wp-media-cloud');
	const wpOk = async (args: string[]) => {
		const result = await site.wp(args);
		if (result.exit !== 0) throw new Error(`wp ${args.join(' ')}: ${result.stdout}${result.stderr}`);
		return result.stdout;
	};
	const evalJson = async <T>(php: string): Promise<T> => JSON.parse(await wpOk(['eval', `echo wp_json_encode( ( function () { ${php} } )() );`])) as T;

	/** What the plugin leaves in the database, as the test reads it. */
	const leftovers = () =>
		evalJson<{ options: string[]; meta: Record<string, number>; cron: boolean; unrelated: unknown }>(`
			global $wpdb;
			return array(
				'options'   => $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE '%media_cloud%' OR option_name LIKE '%wpmc%' ORDER BY option_name" ),
				'meta'      => (object) array_map( 'intval', wp_list_pluck( $wpdb->get_results( "SELECT CASE WHEN meta_key LIKE '_wp_media_cloud_file_dir_%' THEN '_wp_media_cloud_file_dir_<md5>/<name>' WHEN meta_key LIKE '_wp_media_cloud_file_%' THEN '_wp_media_cloud_file_<md5>' ELSE meta_key END AS name, COUNT(*) AS n FROM {$wpdb->postmeta} WHERE meta_key LIKE '_wp_media_cloud%' GROUP BY name", OBJECT_K ), 'n' ) ),
				'cron'      => (bool) wp_next_scheduled( 'wp_media_cloud_retry_pending' ),
				'unrelated' => get_option( 'leaving_unrelated_option' ),
			);`);

	/** Everything the plugin keeps in the database, as it would be after some use. */
	const seed = () =>
		wpOk([
			'eval',
			`update_option( 'wp_media_cloud_settings', array( 'bucket' => 'b', 'access_key' => 'AKIALEAVING', 'secret_key' => 'SECRET-LEAVING' ) );
			update_option( 'wp_media_cloud_pending_deletions', array( array( 'keys' => array( 'x/old.jpg' ) ) ), false );
			update_option( 'wp_media_cloud_pending_cursor', 12 );
			update_option( 'wp_media_cloud_health', array( 'checks' => array() ), false );
			update_option( 'wp_media_cloud_migration_announced', 1 );
			update_option( 'wp_media_cloud_url_replace_runs', array( 'r1' ), false );
			update_option( 'wp_media_cloud_url_replace_run_r1', array( 'id' => 'r1' ), false );
			update_option( 'wp_media_cloud_url_replace_run_r1_log_1', array( 'rows' => array() ), false );
			add_option( '_wp_media_cloud_lock_42', time() + 600, '', false );
			set_transient( 'wpmc_nonce_' . md5( 'n' ), 1, 600 );
			set_transient( 'wp_media_cloud_offload_notice_1', array( 'id' => 1 ), 60 );
			update_option( 'leaving_unrelated_option', 'stays' );
			wp_schedule_single_event( time() + 300, 'wp_media_cloud_retry_pending' );
			foreach ( array( true, false ) as $i => $removed ) {
				$id = wp_insert_attachment( array( 'post_title' => 'kept-' . $i, 'post_mime_type' => 'image/jpeg' ), '2020/01/kept-' . $i . '.jpg' );
				update_post_meta( $id, '_wp_media_cloud', array( 'provider' => 's3-compatible', 'bucket' => 'b', 'key_prefix' => 'x/', 'keys' => array( 'x/2020/01/kept-' . $i . '.jpg' ), 'offloaded_at' => time(), 'local_removed' => $removed ) );
			}
			$pending = wp_insert_attachment( array( 'post_title' => 'pending', 'post_mime_type' => 'image/jpeg' ), '2020/01/pending.jpg' );
			update_post_meta( $pending, '_wp_media_cloud_pending', array( 'code' => 'wp_media_cloud_sidecar_unreachable', 'reason' => 'down', 'since' => time(), 'attempts' => 1 ) );`,
		]);

	/** Replaces the link to the checkout's plugin/ by a copy: uninstall deletes the plugin's folder. */
	const useCopyOfPlugin = () => {
		if (fs.lstatSync(pluginFolder(), { throwIfNoEntry: false })?.isSymbolicLink()) fs.unlinkSync(pluginFolder());
		fs.cpSync(pluginDir, pluginFolder(), { recursive: true, filter: (file) => !file.includes(`${path.sep}build${path.sep}`) });
		expect(fs.lstatSync(pluginFolder()).isSymbolicLink()).toBe(false);
	};

	beforeAll(async () => {
		site = await makeTempSite({ plugin: 'link' });
	}, 120_000);

	afterAll(async () => {
		if (!site) return;
		const pidFile = path.join(`${site.dir}-media-cloud`, 'sidecar.pid');
		const pid = fs.existsSync(pidFile) ? Number(fs.readFileSync(pidFile, 'utf8')) : 0;
		if (pid) process.kill(pid, 'SIGTERM');
		site.remove();
	}, 60_000);

	test('a site where no local copy was removed shows no warning and a plain Deactivate link; one removed: the singular', async () => {
		const render = () =>
			evalJson<{ notices: string; deactivate: string }>(`
				wp_set_current_user( 1 );
				require_once ABSPATH . 'wp-admin/includes/admin.php';
				set_current_screen( 'plugins' );
				ob_start();
				do_action( 'admin_notices' );
				$links = apply_filters( 'plugin_action_links_wp-media-cloud/wp-media-cloud.php', array( 'deactivate' => '<a href="deactivate">Deactivate</a>' ), 'wp-media-cloud/wp-media-cloud.php', array(), 'all' );
				return array( 'notices' => ob_get_clean(), 'deactivate' => $links['deactivate'] );`);
		// (Other notices, e.g. the setup guide's, may be there.)
		const plain = await render();
		expect(plain.notices).not.toContain('wp-media-cloud-deactivation-warning');
		expect(plain.deactivate).toBe('<a href="deactivate">Deactivate</a>');
		const id = await wpOk([
			'eval',
			`$id = wp_insert_attachment( array( 'post_title' => 'only-in-bucket', 'post_mime_type' => 'image/jpeg' ), '2020/01/only.jpg' );
			update_post_meta( $id, '_wp_media_cloud', array( 'provider' => 's3-compatible', 'bucket' => 'b', 'key_prefix' => 'x/', 'keys' => array( 'x/2020/01/only.jpg' ), 'offloaded_at' => time(), 'local_removed' => true ) );
			echo $id;`,
		]);
		try {
			const shown = await render();
			expect(shown.notices).toContain('WP Media Cloud: 1 attachment is only in your bucket (its local copy was removed).');
			expect(shown.deactivate).toContain('1 attachment is only in your bucket: deactivating WP Media Cloud breaks its images.');
		} finally {
			await wpOk(['eval', `delete_post_meta( ${Number(id)}, '_wp_media_cloud' ); wp_delete_attachment( ${Number(id)}, true );`]);
		}
	});

	test("removes settings, options, transients, pending markers, the retry event, setup's wp-config.php block and the background sidecar; keeps the offload records", async () => {
		const configBefore = fs.readFileSync(site.configFile, 'utf8');
		await wpOk(['media-cloud', 'sidecar', 'setup', `--port=${PORT}`]);
		await wpOk(['media-cloud', 'sidecar', 'start']);
		expect(await portInUse(PORT)).toBe(true);
		await seed();
		const seeded = await leftovers();
		expect(seeded.options).toEqual(
			expect.arrayContaining([
				'wp_media_cloud_settings',
				'_wp_media_cloud_lock_42',
				`_transient_wpmc_nonce_${createHash('md5').update('n').digest('hex')}`,
				'wp_media_cloud_sidecar',
			]),
		);
		// The index by file: two rows per attachment, named after its file and after its folder and name.
		expect(seeded.meta).toEqual({
			_wp_media_cloud: 2,
			'_wp_media_cloud_file_<md5>': 3,
			'_wp_media_cloud_file_dir_<md5>/<name>': 3,
			_wp_media_cloud_pending: 1,
		});
		expect(seeded.cron).toBe(true);

		useCopyOfPlugin();
		const result = await site.wp(['plugin', 'uninstall', 'wp-media-cloud', '--deactivate']);
		expect(result.stdout).toContain("Uninstalled and deleted 'wp-media-cloud' plugin.");
		expect(result.exit).toBe(0);

		const after = await leftovers();
		expect(after.options).toEqual([]);
		expect(after.meta).toEqual({ _wp_media_cloud: 2 });
		expect(after.cron).toBe(false);
		expect(after.unrelated).toBe('stays');
		// wp-config.php is again exactly what it was before setup: the secret is gone with the settings.
		expect(fs.readFileSync(site.configFile, 'utf8')).toBe(configBefore);
		expect(await portInUse(PORT)).toBe(false);
		expect(fs.existsSync(path.join(`${site.dir}-media-cloud`, 'sidecar.pid'))).toBe(false);
		// The data folder (job database, environment file, log) is outside WordPress and stays (readme.txt).
		expect(fs.existsSync(path.join(`${site.dir}-media-cloud`, 'sidecar.env'))).toBe(true);
		expect(fs.existsSync(pluginFolder())).toBe(false);
		expect(fs.existsSync(path.join(pluginDir, 'wp-media-cloud.php'))).toBe(true);
	}, 120_000);

	test('with WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL defined, the offload records go too', async () => {
		useCopyOfPlugin();
		await wpOk(['plugin', 'activate', 'wp-media-cloud']);
		const config = fs.readFileSync(site.configFile, 'utf8');
		fs.writeFileSync(
			site.configFile,
			config.replace("/* That's all, stop editing!", "define( 'WP_MEDIA_CLOUD_DELETE_RECORDS_ON_UNINSTALL', true );\n/* That's all, stop editing!"),
		);
		try {
			// Activation catches the index up again (the first uninstall removed it).
			expect((await leftovers()).meta).toMatchObject({ _wp_media_cloud: 2 });
			await wpOk(['plugin', 'uninstall', 'wp-media-cloud', '--deactivate']);
			expect((await leftovers()).meta).toEqual({});
		} finally {
			fs.writeFileSync(site.configFile, config);
		}
	}, 120_000);
});
