import type { Request } from 'express';
import { z } from 'zod';
import { SidecarError } from '../errors';
import { RESTART_REMEDY, saySidecar } from '../sidecar-messages';

const httpUrl = z
	.string()
	.max(2048)
	.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL.')
	.refine((url) => URL.canParse(url), 'must be an http(s) URL.')
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
 * What a run stores to call its site back (runs.callback_url): the site's home URL and its network's main site's,
 * as JSON; null without a site (a plugin older than schema 7: the main site). Where a call then goes depends on
 * the sidecar's WPMC_WORDPRESS_URL, which may change across restarts: addressOfSite().
 */
export function callbackFor(site: z.infer<typeof runSiteSchema>): { siteId: number; callbackUrl: string | null } {
	if (!site) return { siteId: 1, callbackUrl: null };
	return { siteId: site.id, callbackUrl: JSON.stringify({ url: site.url, network: site.network_url }) };
}

/**
 * Where the sidecar calls a site of a network, given WPMC_WORDPRESS_URL (`wordpressUrl`):
 * - WPMC_WORDPRESS_URL is the network's own public address (same host as the main site's home URL): each site on
 *   its own URL (a subdirectory site is that URL plus its path; a subdomain or mapped domain needs its own DNS).
 * - WPMC_WORDPRESS_URL is an address of its own (`http://127.0.0.1`, a container's name, an internal load
 *   balancer): every site through it, named in the Host header, as a reverse proxy does. The web server and
 *   WordPress pick the site by Host and path, so a subdomain or mapped-domain site needs no DNS or route from
 *   the sidecar's machine, and behind several web servers each sidecar calls back its own server. The path is the
 *   site's below the network's (`/shop` for a subdirectory site, none for a subdomain site).
 */
export function addressOfSite(wordpressUrl: string, site: { url: string; network: string }): { url: string; host: string | null } {
	const base = new URL(wordpressUrl);
	const home = new URL(site.url);
	const network = new URL(site.network);
	if (base.host === network.host) {
		if (site.url === site.network) return { url: wordpressUrl, host: null };
		return { url: site.url.startsWith(`${site.network}/`) ? `${wordpressUrl}${site.url.slice(site.network.length)}` : site.url, host: null };
	}
	const homePath = home.pathname.replace(/\/+$/, '');
	const networkPath = network.pathname.replace(/\/+$/, '');
	const below = homePath === networkPath || homePath.startsWith(`${networkPath}/`);
	return { url: below ? `${wordpressUrl}${homePath.slice(networkPath.length)}` : `${base.origin}${homePath}`, host: home.host };
}

/** The site a progress read or a state change names (`?site=<blog id>`); 1 when absent. */
export function siteIdOf(req: Request): number {
	const raw = req.query.site;
	if (raw === undefined) return 1;
	const id = typeof raw === 'string' && /^[1-9]\d{0,9}$/.test(raw) ? Number(raw) : NaN;
	if (!Number.isSafeInteger(id)) {
		// Only a plugin of another version sends anything else: the running sidecar is older or newer than the plugin.
		const problem = 'site must be a blog id (a positive whole number)';
		throw new SidecarError('E_BAD_REQUEST', `The request is invalid: ${problem}.`, RESTART_REMEDY, {
			said: { message: saySidecar('sidecar.bad_request', { problems: problem }), remedy: saySidecar('sidecar.restart.fix') },
		});
	}
	return id;
}
