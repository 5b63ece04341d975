import type { Request } from 'express';
import { z } from 'zod';
import { SidecarError } from '../errors';

const httpUrl = z
	.string()
	.max(2048)
	.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL.')
	.transform((url) => url.replace(/\/+$/, ''));

/**
 * The site of a network a run is started for, as WordPress sends it with the start: its blog id, its home URL
 * and the network's main site's home URL. Absent (a single site, or a plugin older than schema 7): site 1.
 */
export const runSiteSchema = z
	.object({
		id: z.number().int().min(1),
		url: httpUrl,
		network_url: httpUrl,
	})
	.optional();

/**
 * Where the engine calls a site back, as stored with its run: null for the main site (WPMC_WORDPRESS_URL, which
 * may be an internal address the public home URL is not), the path below the main site for a subdirectory site
 * (`/site2`: reached the same way as the main site), else the site's own URL (a subdomain or mapped domain).
 */
export function callbackFor(site: z.infer<typeof runSiteSchema>): { siteId: number; callbackUrl: string | null } {
	if (!site) return { siteId: 1, callbackUrl: null };
	if (site.url === site.network_url) return { siteId: site.id, callbackUrl: null };
	if (site.url.startsWith(`${site.network_url}/`)) return { siteId: site.id, callbackUrl: site.url.slice(site.network_url.length) };
	return { siteId: site.id, callbackUrl: site.url };
}

/** The site a progress read or a state change names (`?site=<blog id>`); 1 when absent. */
export function siteIdOf(req: Request): number {
	const raw = req.query.site;
	if (raw === undefined) return 1;
	const id = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) {
		throw new SidecarError(
			'E_BAD_REQUEST',
			'The site parameter must be a blog id (a positive whole number).',
			'Update the WP Media Cloud plugin and the sidecar to the same version.',
		);
	}
	return id;
}
