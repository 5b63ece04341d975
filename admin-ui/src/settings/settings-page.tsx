// Settings: the storage provider with exactly its fields, delivery options, local files and deletion.
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Flex,
	SelectControl,
	Spinner,
} from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';
import { describeError } from '../api';
import { AdminNotice } from '../components/admin-notice';
import { useNotify } from '../components/notices';
import type { ApiErrorBody, ProviderField } from '../types';
import { deliveryFields, localFileFields } from './general-fields';
import { isUrlWarning, SaveWarning } from './save-warning';
import { SettingField } from './setting-field';
import { TestConnection } from './test-connection';
import { useSettingsForm, type SaveOutcome } from './use-settings-form';

/** The controls of the fields the server refused, in the order the form shows them. */
const INVALID_CONTROLS =
	'.wpmc-field.has-error input, .wpmc-field.has-error select, .wpmc-field.has-error textarea';

export function SettingsPage() {
	const form = useSettingsForm();
	const notify = useNotify();
	const { data, error } = form.resource;
	// The save's "pages could not load files" warning, shown by the Save button until confirmed or edited.
	const [ warning, setWarning ] = useState< ApiErrorBody | null >( null );
	// After a save with invalid fields, focus goes to the first of them (not to <body>, at the foot of the page),
	// once the messages are on screen; a screen reader then reads the field with its message.
	const formRef = useRef< HTMLFormElement >( null );
	const [ invalidSaves, setInvalidSaves ] = useState( 0 );
	useEffect( () => {
		if ( invalidSaves ) {
			formRef.current
				?.querySelector< HTMLElement >( INVALID_CONTROLS )
				?.focus();
		}
	}, [ invalidSaves ] );

	if ( ! data ) {
		return (
			<div className="wpmc-page wpmc-settings">
				{ error ? (
					<AdminNotice status="error">
						{ describeError( error ) }
					</AdminNotice>
				) : (
					<Spinner />
				) }
			</div>
		);
	}

	const provider =
		data.providers.find( ( item ) => item.id === form.values.provider ) ??
		data.providers[ 0 ];
	// Older plugins sent only `locked`: those keys were set by constants.
	const lockedBy = ( key: string ) =>
		data.locked_by?.[ key ] ??
		( data.locked.includes( key ) ? 'constant' : undefined );
	// A saved value the screen would refuse today shows its message from the start, until the field is edited.
	const storedError = ( key: string ) =>
		form.changed.includes( key ) ? undefined : data.stored_errors?.[ key ];
	const providerError = form.errors.provider ?? storedError( 'provider' );
	const providerKeys = new Set(
		( provider?.fields ?? [] ).map( ( field ) => field.key )
	);
	const renderField = ( field: ProviderField ) => (
		<SettingField
			key={ field.key }
			field={ field }
			value={ form.values[ field.key ] }
			onChange={ ( value ) => {
				setWarning( null );
				form.setValue( field.key, value );
			} }
			error={
				form.errors[ field.key ] ??
				data.constant_errors?.[ field.key ] ??
				storedError( field.key )
			}
			lockedBy={ lockedBy( field.key ) }
			secretStored={ data.secrets_set?.[ field.key ] }
			suggestions={
				field.key === 'region' ? provider?.regions : undefined
			}
		/>
	);

	// Saves and reports; the warning of a change that would break every URL is left to the caller to show.
	const saveAndReport = async ( confirm = false ): Promise< SaveOutcome > => {
		const outcome = await form.save( confirm );
		if ( outcome.ok ) {
			notify.success( __( 'Settings saved.', 'wp-media-cloud' ) );
		} else if ( isUrlWarning( outcome.error ) ) {
			// Shown where the user acted, with its fix and a confirm step.
		} else if ( outcome.error.data?.errors ) {
			setInvalidSaves( ( count ) => count + 1 );
			notify.error(
				__(
					'Some settings were not saved: fix the fields marked in red.',
					'wp-media-cloud'
				)
			);
		} else {
			notify.error( outcome.error );
		}
		return outcome;
	};
	const save = async ( confirm = false ) => {
		const outcome = await saveAndReport( confirm );
		setWarning(
			! outcome.ok && isUrlWarning( outcome.error ) ? outcome.error : null
		);
	};

	return (
		<form
			ref={ formRef }
			className="wpmc-page wpmc-settings"
			// The server's messages are shown at each field; the browser's own URL check would hide them.
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				void save();
			} }
		>
			{ data.network_managed && (
				<AdminNotice status="info" className="wpmc-network-managed">
					{ __(
						'These settings are set for the whole network by its administrator. This site uses them as they are.',
						'wp-media-cloud'
					) }{ ' ' }
					{ data.network_url && (
						<a href={ data.network_url }>
							{ __(
								'Change them in Network Admin › Media Cloud.',
								'wp-media-cloud'
							) }
						</a>
					) }
				</AdminNotice>
			) }
			{ Object.keys( data.stored_errors ?? {} ).length > 0 && (
				<AdminNotice status="warning" className="wpmc-stored-errors">
					{ __(
						'Some saved settings are no longer accepted and are used as they are until you change them: correct the fields marked in red and save.',
						'wp-media-cloud'
					) }
				</AdminNotice>
			) }
			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Storage', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody>
					<div
						className={ `wpmc-field${
							providerError ? ' has-error' : ''
						}` }
						data-field="provider"
					>
						<SelectControl
							__next40pxDefaultSize
							__nextHasNoMarginBottom
							id="wpmc-field-provider"
							label={ __( 'Provider', 'wp-media-cloud' ) }
							value={ String( form.values.provider ?? '' ) }
							disabled={ Boolean( lockedBy( 'provider' ) ) }
							options={ data.providers.map( ( item ) => ( {
								value: item.id,
								label: item.label,
							} ) ) }
							aria-invalid={ providerError ? true : undefined }
							aria-describedby={
								providerError
									? 'wpmc-field-provider-error'
									: undefined
							}
							onChange={ ( value: string ) => {
								setWarning( null );
								form.setValue( 'provider', value );
							} }
						/>
						{ providerError && (
							<p
								className="wpmc-field__error"
								role="alert"
								id="wpmc-field-provider-error"
							>
								{ providerError }
							</p>
						) }
					</div>
					<div className="wpmc-fields">
						{ provider?.fields.map( renderField ) }
					</div>
					<TestConnection
						beforeTest={ saveAndReport }
						dirty={ form.changed.length > 0 }
					/>
				</CardBody>
			</Card>

			<Card className="wpmc-card">
				<CardHeader>
					<h2>{ __( 'Delivery', 'wp-media-cloud' ) }</h2>
				</CardHeader>
				<CardBody className="wpmc-fields">
					{ deliveryFields()
						.filter( ( field ) => ! providerKeys.has( field.key ) )
						.map( renderField ) }
				</CardBody>
			</Card>

			<Card className="wpmc-card">
				<CardHeader>
					<h2>
						{ __( 'Local files and deletion', 'wp-media-cloud' ) }
					</h2>
				</CardHeader>
				<CardBody className="wpmc-fields">
					{ localFileFields().map( renderField ) }
					{ Boolean( form.values.mirror_delete ) && (
						<AdminNotice
							status="warning"
							className="wpmc-mirror-warning"
						>
							{ __(
								'Mirror deletion is permanent: files deleted from cloud storage cannot be recovered through WP Media Cloud. Turn it off to keep files in the bucket after deleting them from WordPress.',
								'wp-media-cloud'
							) }
						</AdminNotice>
					) }
				</CardBody>
			</Card>

			{ warning && (
				<SaveWarning
					warning={ warning }
					confirmLabel={ __( 'Save anyway', 'wp-media-cloud' ) }
					busy={ form.saving }
					onConfirm={ () => void save( true ) }
					onCancel={ () => setWarning( null ) }
				/>
			) }
			{ /* Nothing here can be saved when the network sets it all. */ }
			{ ! data.network_managed && (
				<Flex justify="flex-start" className="wpmc-actions">
					<Button
						variant="primary"
						type="submit"
						isBusy={ form.saving }
						disabled={ form.saving }
						// Focus stays on the button while it saves, instead of falling back to <body>.
						accessibleWhenDisabled
					>
						{ __( 'Save changes', 'wp-media-cloud' ) }
					</Button>
				</Flex>
			) }
		</form>
	);
}
