import { defineProvider } from '../contract';

/** Cloudflare R2: the account id names the endpoint, the region is always `auto`, no object ACLs. */
export const r2 = defineProvider({
	id: 'r2',
	label: 'Cloudflare R2',
	api: 's3',
	regions: ['auto'],
	defaultRegion: 'auto',
	endpointTemplate: 'https://{account_id}.r2.cloudflarestorage.com',
	fixedSigningRegion: 'auto',
	// R2 implements no object ACLs; public access is per bucket (r2.dev or a custom domain).
	capabilities: { acl: false, batchDelete: true, pathStyle: 'optional', publicUrl: 'public-url', needsAccessKey: true },
	bucketTerm: 'bucket',
	bucketNaming: 'r2',
	credentialShape: 'r2-token',
	hints: {
		credentials:
			'Create an R2 API token (R2 › Manage R2 API Tokens), not a Cloudflare account API token, and copy its Access Key ID and Secret Access Key. The secret is shown only once: if it was lost, create a new token.',
		writeAccess: 'The R2 API token needs "Object Read & Write" permission on this bucket: edit the token in R2 › Manage R2 API Tokens.',
		publicAccess:
			'In the R2 bucket settings, connect a custom domain or enable the r2.dev subdomain (Public access), then enter that URL as the public URL.',
	},
});
