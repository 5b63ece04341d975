// Smoke test of the test stack itself: if this fails, every other test's failure is suspect.
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import {
  createS3Client,
  getSite,
  isSidecarUp,
  startSidecar,
  stopSidecar,
  wpEval,
  type SiteKind,
} from './support/stack';

describe.each<SiteKind>(['sqlite', 'mariadb'])('%s site', (kind) => {
  const site = getSite(kind);

  test('answers /wp-json/', async () => {
    const response = await fetch(site.restUrl);
    expect(response.status).toBe(200);
    const index = (await response.json()) as { url: string; namespaces: string[] };
    expect(index.url).toBe(site.url);
    expect(index.namespaces).toContain('wp/v2');
  });

  test('accepts the admin application password', async () => {
    const response = await fetch(`${site.restUrl}wp/v2/users/me?context=edit`, {
      headers: { Authorization: site.authHeader },
    });
    expect(response.status).toBe(200);
    const me = (await response.json()) as { slug: string; roles: string[] };
    expect(me.slug).toBe('admin');
    expect(me.roles).toContain('administrator');
  });

  test('runs PHP inside WordPress (wpEval) with the default plugin settings', async () => {
    const settings = await wpEval<Record<string, unknown>>(site, "return get_option('wp_media_cloud_settings');");
    expect(settings).toMatchObject({ provider: 's3-compatible', endpoint: site.s3.endpoint, bucket: site.s3.bucket });
    expect(await wpEval(site, "global $wpdb; return $wpdb->get_var('SELECT 1 + 1');")).toBe('2');
    expect(await wpEval(site, "return get_option('permalink_structure');")).toBe('/%postname%/');
  });

  test('s3rver bucket is listable', async () => {
    const s3 = createS3Client(site);
    const key = `environment-test/${kind}-${Date.now()}.txt`;
    await s3.send(new PutObjectCommand({ Bucket: site.s3.bucket, Key: key, Body: 'hello' }));
    const listing = await s3.send(new ListObjectsV2Command({ Bucket: site.s3.bucket, Prefix: 'environment-test/' }));
    expect(listing.Contents?.map((object) => object.Key)).toContain(key);
    s3.destroy();
  });

  (site.sidecarStarted ? test : test.skip)('sidecar can be stopped and started again', async () => {
    expect(await isSidecarUp(site)).toBe(true);
    await stopSidecar(site);
    expect(await isSidecarUp(site)).toBe(false);
    await startSidecar(site);
    const response = await fetch(`${site.sidecarUrl}/v1/status`);
    expect(response.status).toBe(401); // unsigned
  });
});
