import type { ProviderDefinition } from '../contract';
import { b2 } from './b2';
import { bunny } from './bunny';
import { gcs } from './gcs';
import { hetzner } from './hetzner';
import { r2 } from './r2';
import { s3 } from './s3';
import { s3Compatible } from './s3-compatible';
import { spaces } from './spaces';
import { wasabi } from './wasabi';

/** Every provider by id, in the order the settings page lists them. */
export const PROVIDERS: Readonly<Record<string, ProviderDefinition>> = Object.fromEntries(
	[s3, r2, wasabi, b2, spaces, hetzner, gcs, bunny, s3Compatible].map((provider) => [provider.id, provider]),
);

export const PROVIDER_IDS = Object.keys(PROVIDERS);
