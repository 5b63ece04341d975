<?php
/**
 * Each storage provider's own words for a fix: where its keys come from (`credentials`), how to let them write
 * (`write_access`) and how to let visitors read files (`public_access`). Health results send them as
 * `provider.<id>.<kind>` (sidecar/src/storage/storage-messages.ts); rendered by Messages.
 *
 * @package WP_Media_Cloud
 */

namespace WP_Media_Cloud\Health;

final class Messages_Providers {

	/** @return array<string, array<int, string>> */
	public static function catalog(): array {
		return array(
			// Amazon S3.
			'provider.s3.credentials' => array( __( 'Create an access key for an IAM user in the AWS console (IAM › Users › Security credentials) and copy both values.', 'wp-media-cloud' ) ),
			'provider.s3.write_access' => array( __( 'The IAM user needs s3:PutObject, s3:GetObject, s3:DeleteObject and s3:ListBucket on this bucket (arn:aws:s3:::BUCKET and arn:aws:s3:::BUCKET/*). Check the IAM policy in the AWS console.', 'wp-media-cloud' ) ),
			'provider.s3.public_access' => array( __( 'In the S3 console, turn off "Block Public Access" for this bucket and add a bucket policy that allows s3:GetObject for everyone ("Principal": "*") on arn:aws:s3:::BUCKET/*.', 'wp-media-cloud' ) ),
			// Cloudflare R2.
			'provider.r2.credentials' => array( __( 'Create an R2 API token (R2 › Manage R2 API Tokens), not a Cloudflare account API token, and copy its Access Key ID and Secret Access Key. The secret is shown only once: if it was lost, create a new token.', 'wp-media-cloud' ) ),
			'provider.r2.write_access' => array( __( 'The R2 API token needs "Object Read & Write" permission on this bucket: edit the token in R2 › Manage R2 API Tokens.', 'wp-media-cloud' ) ),
			'provider.r2.public_access' => array( __( 'In the R2 bucket settings, connect a custom domain or enable the r2.dev subdomain (Public access), then enter that URL as the public URL.', 'wp-media-cloud' ) ),
			// Wasabi.
			'provider.wasabi.credentials' => array( __( 'Create an access key in the Wasabi console (Access Keys) and copy both values.', 'wp-media-cloud' ) ),
			'provider.wasabi.write_access' => array( __( 'The access key (or its user’s policy) needs read and write access to this bucket.', 'wp-media-cloud' ) ),
			'provider.wasabi.public_access' => array( __( 'In the Wasabi console, apply a bucket policy that allows s3:GetObject for everyone on this bucket.', 'wp-media-cloud' ) ),
			// Backblaze B2.
			'provider.b2.credentials' => array( __( 'Use the application key’s keyID as the Access Key and its applicationKey as the Secret Key (B2 › Application Keys). The applicationKey is shown only once.', 'wp-media-cloud' ) ),
			'provider.b2.write_access' => array( __( 'The application key must be "Read and Write" and allowed for this bucket: create a new one in B2 › Application Keys.', 'wp-media-cloud' ) ),
			'provider.b2.public_access' => array( __( 'In B2 › Buckets › Bucket Settings, set "Files in Bucket are" to Public.', 'wp-media-cloud' ) ),
			// DigitalOcean Spaces.
			'provider.spaces.credentials' => array( __( 'Create a Spaces access key (API › Spaces Keys) and copy the key and its secret; the secret is shown only once.', 'wp-media-cloud' ) ),
			'provider.spaces.write_access' => array( __( 'The Spaces key needs read/write access to this Space (a "Full access" key or one limited to this bucket with Read/Write/Delete).', 'wp-media-cloud' ) ),
			'provider.spaces.public_access' => array( __( 'Files are uploaded public-read; if they still answer 403, check the Space’s file listing setting and that the key is allowed to set ACLs.', 'wp-media-cloud' ) ),
			// Hetzner Object Storage.
			'provider.hetzner.credentials' => array( __( 'Create S3 credentials in the Hetzner Console (your project › Security › S3 credentials); the secret is shown only once.', 'wp-media-cloud' ) ),
			'provider.hetzner.write_access' => array( __( 'Hetzner S3 credentials have access to every bucket of the project: check that the bucket belongs to the same project.', 'wp-media-cloud' ) ),
			'provider.hetzner.public_access' => array( __( 'Set the bucket’s visibility to Public in the Hetzner Console, or apply a bucket policy that allows s3:GetObject for everyone.', 'wp-media-cloud' ) ),
			// Google Cloud Storage.
			'provider.gcs.credentials' => array( __( 'Create an HMAC key in Cloud Storage › Settings › Interoperability and copy its Access key and Secret; a JSON service-account key file does not work here.', 'wp-media-cloud' ) ),
			'provider.gcs.write_access' => array( __( 'The service account behind the HMAC key needs the "Storage Object Admin" role (or objectCreator + objectViewer + delete) on this bucket.', 'wp-media-cloud' ) ),
			'provider.gcs.public_access' => array( __( 'Grant "allUsers" the "Storage Object Viewer" role on the bucket (Permissions tab) and make sure Public access prevention is off.', 'wp-media-cloud' ) ),
			// Bunny Edge Storage.
			'provider.bunny.credentials' => array( __( 'Use the storage zone’s password from Storage › (your zone) › FTP & API Access, not your account API key; the zone name goes in the Storage zone field.', 'wp-media-cloud' ) ),
			'provider.bunny.write_access' => array( __( 'Use the zone’s main password, not its read-only password (both are in the zone’s FTP & API Access tab).', 'wp-media-cloud' ) ),
			'provider.bunny.public_access' => array( __( 'Connect a pull zone to this storage zone (Storage › Connected pull zones) and enter its host, e.g. example.b-cdn.net, as the pull zone host.', 'wp-media-cloud' ) ),
			// S3-compatible endpoint.
			'provider.s3-compatible.credentials' => array( __( 'Copy the access key and secret key from your storage server’s console exactly, without spaces.', 'wp-media-cloud' ) ),
			'provider.s3-compatible.write_access' => array( __( 'Give the key read and write access to this bucket (PutObject, GetObject, DeleteObject, ListBucket).', 'wp-media-cloud' ) ),
			'provider.s3-compatible.public_access' => array( __( 'Allow anonymous reads of the bucket’s objects on your storage server (a bucket policy with s3:GetObject for "*", or public-read objects).', 'wp-media-cloud' ) ),
		);
	}
}
